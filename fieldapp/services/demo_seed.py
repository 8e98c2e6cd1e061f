"""Demo data for an empty laptop database: a fictitious field-affairs centre in Guiyang."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Table, select

from fieldapp.domain.clock import COURT_TZ, court_date
from fieldapp.domain.enums import (
    MATTER_NAMES_ZH,
    AssetKind,
    AssignmentStatus,
    CaseTrack,
    ControlMeasure,
    LocationSource,
    Matter,
    PartyKind,
    PartyRole,
    Priority,
    Role,
    VisitOutcome,
)
from fieldapp.domain.identifiers import credit_check_char, id_check_digit
from fieldapp.domain.legal_periods import expiry_date, period_for, renewal_expiry
from fieldapp.domain.regno import format_registration_no
from fieldapp.domain.routing import WILDCARD, Router
from fieldapp.domain.routing import RoutingRule as Rule
from fieldapp.geo.gazetteer import Region as GeoRegion
from fieldapp.geo.gazetteer import default_gazetteer
from fieldapp.geo.sampling import point_near_centre
from fieldapp.services.request_rows import FieldRequest
from fieldapp.storage.base import RecordBase
from fieldapp.storage.casework import Assignment, Case, Party
from fieldapp.storage.fieldwork import AssetControl, VisitAttempt
from fieldapp.storage.reference import MatterType, Region, RoutingRule, Squad, StaffMember
from fieldapp.storage.schema import ENTITIES

__all__ = [
    "DEMO_PASSWORD",
    "DatabaseNotEmpty",
    "DemoAccount",
    "DemoSummary",
    "is_seeded",
    "seed_demo",
]

DEMO_PASSWORD = "fieldapp-demo"
"""The password every demo account gets once the central store sets demo passwords.

The laptop keeps no credentials, so seeding does not use it; it lives here so that the demo
launcher, the README and the central store's seeding agree on one value. Demo only: never
use it on a real installation.
"""

CITY_CODE = "520100"  # 贵阳市, the parent of every region
COURT_CODE = "黔01"  # 贵阳市中级人民法院, whose enforcement bureau runs the centre
# Regions whose code is in GB/T 2260; 贵安新区's 520190 is local to this app, so identifiers
# issued there (ID numbers, credit codes) carry the city's code instead.
GB2260_CODES = frozenset(
    {"520102", "520103", "520111", "520112", "520113", "520115"}
    | {"520121", "520122", "520123", "520181"}
)
TWO_OFFICER_MATTERS = frozenset({Matter.SEIZE, Matter.SEARCH, Matter.EVICTION, Matter.SEAL})
VIDEO_MATTERS = frozenset({Matter.SEARCH, Matter.EVICTION})
ASSET_MATTERS = (Matter.SEAL, Matter.SEIZE, Matter.FREEZE)
# A case closed for now (终本) has no seizable assets left: only checks and new leads.
CLOSED_CASE_MATTERS = frozenset({Matter.RE_INSPECTION, Matter.LOCATE, Matter.INVESTIGATION})

STATUS_COUNTS: dict[AssignmentStatus, int] = {
    AssignmentStatus.REGISTERED: 8,
    AssignmentStatus.ROUTED: 30,
    AssignmentStatus.ASSIGNED: 45,
    AssignmentStatus.IN_PROGRESS: 50,
    AssignmentStatus.DONE: 90,
    AssignmentStatus.RETURNED: 12,
    AssignmentStatus.CANCELLED: 15,
}
# How many days before `now` a request in each status was received (older ones got further).
RECEIVED_DAYS_AGO: dict[AssignmentStatus, tuple[int, int]] = {
    AssignmentStatus.REGISTERED: (0, 3),
    AssignmentStatus.ROUTED: (0, 7),
    AssignmentStatus.ASSIGNED: (1, 14),
    AssignmentStatus.IN_PROGRESS: (2, 30),
    AssignmentStatus.DONE: (4, 60),
    AssignmentStatus.RETURNED: (2, 45),
    AssignmentStatus.CANCELLED: (3, 55),
}
OPEN_STATUSES = frozenset(
    {AssignmentStatus.ROUTED, AssignmentStatus.ASSIGNED, AssignmentStatus.IN_PROGRESS}
)
STAFFED_STATUSES = frozenset(
    {AssignmentStatus.ASSIGNED, AssignmentStatus.IN_PROGRESS, AssignmentStatus.DONE}
)
MATTER_WEIGHTS: dict[Matter, int] = {
    Matter.SERVICE: 22,
    Matter.INVESTIGATION: 12,
    Matter.LOCATE: 12,
    Matter.SEAL: 10,
    Matter.SEIZE: 6,
    Matter.FREEZE: 8,
    Matter.POSTING: 9,
    Matter.SEARCH: 4,
    Matter.EVICTION: 3,
    Matter.RE_INSPECTION: 8,
}
# Most requests come from the dense urban districts.
REGION_WEIGHTS: dict[str, int] = {
    "520102": 18,
    "520103": 18,
    "520115": 12,
    "520111": 10,
    "520113": 7,
    "520112": 7,
    "520181": 7,
    "520190": 5,
    "520123": 5,
    "520122": 4,
    "520121": 4,
}

# --- names: invented words and people ----------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林龙田石罗韦蒙袁邓谢冉"
GIVEN_CHARS = "建国明华丽芳军伟勇静敏娟强磊洋艳杰涛超霞平刚桂兰英红文春海云鹏宇婷雪琴志秀永德昌"
WORD_CHARS = "禾岚澜骁铂霁栖泓睿锦朗钰峰源昊邦汇盈瑞鸿晟麓溯蔚琪璟曜烨岑"
STREET_CHARS = "青枫松柏桂月星溪泉岭坪桥霞竹梅翠碧林阳光新宁和丰荷榕樟杉"
STREET_SUFFIXES = ("路", "街", "大道", "巷")
INDUSTRIES = (
    "商贸",
    "建材",
    "物流",
    "餐饮管理",
    "房地产开发",
    "科技",
    "劳务",
    "汽车销售",
    "装饰工程",
    "农业开发",
)
LENDER_INDUSTRIES = ("小额贷款", "融资租赁", "典当")
MOBILE_PREFIXES = (
    "135",
    "136",
    "138",
    "139",
    "150",
    "151",
    "158",
    "159",
    "180",
    "186",
    "187",
    "189",
)
BANKS = ("中国工商银行", "中国农业银行", "中国银行", "中国建设银行", "贵阳银行", "贵州银行")
# People's ID numbers are issued where they were born: mostly here, some elsewhere in Guizhou.
OTHER_BIRTH_CODES = ("522401", "520302", "522601", "522701", "520402")
BASIC_COURTS = ("0102", "0103", "0111", "0112", "0113", "0115", "0121", "0122", "0123", "0181")
SQUAD_NAMES = {
    "S1": "第一外勤组",
    "S2": "第二外勤组",
    "S3": "第三外勤组",
    "S4": "第四外勤组（财产控制组）",
}
SQUAD_REGIONS = {
    "S1": ("520102", "520103", "520115"),
    "S2": ("520111", "520190", "520181"),
    "S3": ("520112", "520113", "520123", "520122", "520121"),
}
ASSET_CONTROL_SQUAD = "S4"
# The catch-all only decides for a region no rule names (one an admin adds later): S1, the
# squad of the court's own district, takes it so a lead sees it at once and can pass it on.
CATCH_ALL_SQUAD = "S1"
OFFICERS_PER_SQUAD = {"S1": 5, "S2": 4, "S3": 5, "S4": 4}
# Addresses cluster around a region's centre: the standard deviation of a point's distance
# from it, as a share of the region's extent (a district's core, a county's seat).
POINT_SPREAD = 0.1
# Each officer's open tasks due today or overdue (My tasks → Today and Overdue, today's route):
# at least, aimed at most, at most; and at least this many due today itself.
TODAYS_WORK = (4, 8, 10)
DUE_TODAY_AT_LEAST = 2

_CPL = "《中华人民共和国民事诉讼法》"
_CONTROL_RULES = "《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》"
_INQUIRY_RULES = "《最高人民法院关于民事执行中财产调查若干问题的规定》"
_TWO = "实施时须有两名以上执行人员在场"
LEGAL_BASIS: dict[Matter, str] = {
    Matter.SERVICE: f"{_CPL}关于送达的规定（直接送达、留置送达、邮寄送达、公告送达）",
    Matter.INVESTIGATION: f"{_CPL}执行程序编关于调查、查询被执行人财产的规定；{_INQUIRY_RULES}",
    Matter.LOCATE: f"{_INQUIRY_RULES}；{_CPL}关于拘传的规定",
    Matter.SEAL: f"{_CPL}执行措施章关于查封的规定；{_CONTROL_RULES}；{_TWO}",
    Matter.SEIZE: f"{_CPL}执行措施章关于扣押的规定；{_CONTROL_RULES}；{_TWO}",
    Matter.FREEZE: f"{_CPL}执行措施章关于冻结存款等财产的规定；{_CONTROL_RULES}",
    Matter.POSTING: f"{_CPL}关于公告送达的规定；执行公告按本院执行公开规定张贴",
    Matter.SEARCH: f"{_CPL}执行措施章关于搜查的规定（由院长签发搜查令）；{_TWO}，全程录音录像",
    Matter.EVICTION: (
        f"{_CPL}执行措施章关于强制迁出房屋或者强制退出土地的规定；{_TWO}，全程录音录像"
    ),
    Matter.RE_INSPECTION: f"{_CONTROL_RULES}；终结本次执行程序后对已控财产定期复查",
}
RESULTS: dict[Matter, tuple[str, ...]] = {
    Matter.SERVICE: (
        "已向被执行人本人直接送达执行通知书、报告财产令，被执行人签收。",
        "被执行人拒绝签收，已邀请社区工作人员见证并留置送达，全程录像。",
    ),
    Matter.INVESTIGATION: (
        "已到被执行人经营场所调查，现场仍在经营，已拍照并制作调查笔录。",
        "向物业及社区调查被执行人居住情况，已制作调查笔录并反馈承办团队。",
    ),
    Matter.LOCATE: (
        "经走访物业及邻居，被执行人已搬离，新住址线索已反馈承办团队。",
        "在被执行人经常居住地找到被执行人，已告知其到院接受询问。",
    ),
    Matter.SEAL: ("已查封被执行人名下房产一套，张贴封条及查封公告，并送达协助执行通知书。",),
    Matter.SEIZE: ("已扣押被执行人车辆一辆，车辆拖至指定停车场保管，钥匙及行驶证一并扣押。",),
    Matter.FREEZE: ("已向银行送达协助冻结存款通知书，冻结被执行人账户存款。",),
    Matter.POSTING: ("已在被执行人住所地张贴执行公告，拍照留存。",),
    Matter.SEARCH: ("持搜查令对被执行人住所进行搜查，查获现金及物品若干，已登记造册，全程录像。",),
    Matter.EVICTION: (
        "已完成强制迁出，屋内物品登记造册后交被执行人亲属领回，房屋交付申请执行人。",
    ),
    Matter.RE_INSPECTION: ("复查查封财产，封条完好，未发现擅自处分、转移情形。",),
}
RETURN_REASONS = (
    "申请执行人提供的地址不详，无法定位，请承办团队补充具体门牌号后重新移送。",
    "委托材料缺少执行裁定书，请补齐后重新移送。",
    "被执行人住所地不在本院辖区，请办理委托执行。",
    "经现场核实，该地址房屋已拆除，请承办团队核实新的财产线索。",
    "事项与委托内容不符（应为冻结而非查封），请更正后重新提交。",
)
CANCEL_NOTES = (
    "承办团队撤回：被执行人已自动履行全部义务。",
    "承办团队撤回：双方已达成执行和解。",
    "承办团队撤回：重复委托，已并入同案另一外勤任务。",
)
RETURNED_TO_REGISTRAR = "组长退回登记员：地址所属区域需核实后重新分派。"


class DatabaseNotEmpty(RuntimeError):
    """The database already holds records; demo data goes only into an empty one."""


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    role: Role
    squad_code: str | None
    display_name: str


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """How many records of each kind the seed wrote, and the demo accounts."""

    regions: int
    matter_types: int
    squads: int
    staff: int
    routing_rules: int
    cases: int
    parties: int
    assignments: int
    visit_attempts: int
    asset_controls: int
    accounts: tuple[DemoAccount, ...]

    def counts(self) -> dict[str, int]:
        """The counts by wire entity name."""
        return {
            Region.__entity__: self.regions,
            MatterType.__entity__: self.matter_types,
            Squad.__entity__: self.squads,
            StaffMember.__entity__: self.staff,
            RoutingRule.__entity__: self.routing_rules,
            Case.__entity__: self.cases,
            Party.__entity__: self.parties,
            Assignment.__entity__: self.assignments,
            VisitAttempt.__entity__: self.visit_attempts,
            AssetControl.__entity__: self.asset_controls,
        }


def is_seeded(connection: Connection) -> bool:
    """True once the database holds any synced record, the demo's or a central store's.

    So a launcher seeds only an empty database and never mixes demo data into real data.
    """
    for model in ENTITIES.values():
        table = model.__table__
        if connection.execute(select(table.c.id).limit(1)).first() is not None:
            return True
    return False


def seed_demo(connection: Connection, *, now: datetime, seed: int = 2026) -> DemoSummary:
    """Fill an empty laptop database with the demo data set, in the caller's transaction.

    The same `seed` and `now` give the same records, ids included. The records stand for data
    received from the central store (version 1), so no outbox ops are written.
    """
    if now.tzinfo is None:
        raise ValueError("naive datetime: `now` must carry a zone")
    if is_seeded(connection):
        raise DatabaseNotEmpty("the database already holds records; demo data needs an empty one")
    ctx = _Context(seed, now.astimezone(UTC))
    staff = _plan_staff(ctx)
    places = _plan_places(ctx)
    reference = _reference_rows(ctx, staff, places)
    router = Router(
        Rule(row["priority"], row["matter_code"], row["region_code"], row["squad_code"])
        for row in reference[RoutingRule]
    )
    old_cases = _plan_old_cases(ctx)
    cases = _cases(ctx, places, old_cases, staff.registrar)
    assignments = _assignments(ctx, staff, places, cases, router)
    visits = _visits(ctx, assignments)
    assets = _asset_controls(ctx, staff, places, cases, assignments)
    rows: dict[type[RecordBase], list[dict[str, Any]]] = {
        **reference,
        Case: [case.row for case in cases],
        Party: [party.row for case in cases for party in case.parties],
        Assignment: [task.row for task in assignments],
        VisitAttempt: visits,
        AssetControl: assets,
    }
    for model, model_rows in rows.items():
        table = cast(Table, model.__table__)
        connection.execute(table.insert(), model_rows)
    return DemoSummary(
        regions=len(rows[Region]),
        matter_types=len(rows[MatterType]),
        squads=len(rows[Squad]),
        staff=len(rows[StaffMember]),
        routing_rules=len(rows[RoutingRule]),
        cases=len(rows[Case]),
        parties=len(rows[Party]),
        assignments=len(rows[Assignment]),
        visit_attempts=len(visits),
        asset_controls=len(assets),
        accounts=staff.accounts,
    )


# --- the seeding context: one random stream, one clock ----------------------------------------


class _Context:
    def __init__(self, seed: int, now: datetime) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.now = now
        self.today = court_date(now)
        # The centre "went live" a while before the oldest request in the demo window.
        self.setup_at = self.at(self.today - timedelta(days=120), 9, 0)
        self.judges: list[str] = []
        self._names: set[str] = set()
        self._points: dict[str, tuple[float, float]] = {}

    def new_id(self, at: datetime) -> str:
        """A UUIDv7 (time-ordered like the app's own ids) drawn from the seeded stream."""
        millis = int(at.timestamp() * 1000) & ((1 << 48) - 1)
        value = (
            (millis << 80)
            | (0x7 << 76)
            | (self.rng.getrandbits(12) << 64)
            | (0b10 << 62)
            | self.rng.getrandbits(62)
        )
        return str(uuid.UUID(int=value))

    def stamp(
        self, at: datetime, by: str | None, updated: datetime | None = None
    ) -> dict[str, Any]:
        """The synced-record columns, as the central store hands them out (version 1)."""
        return {
            "id": self.new_id(at),
            "version": 1,
            "created_at": at,
            "updated_at": updated or at,
            "created_by": by,
            "device_id": None,
            "deleted": False,
        }

    @staticmethod
    def at(day: date, hour: int, minute: int) -> datetime:
        """A court-local wall-clock time on `day`, as a UTC instant."""
        return datetime.combine(day, time(hour, minute), COURT_TZ).astimezone(UTC)

    def office_time(self, day: date) -> datetime:
        """A random moment of the working day, never after `now`."""
        moment = self.at(day, 8, 30) + timedelta(minutes=self.rng.randint(0, 540))
        return min(moment, self.now - timedelta(minutes=self.rng.randint(5, 90)))

    def person_name(self) -> str:
        """An invented name, unique across the data set so the demo never shows two alike."""
        while True:
            given = "".join(self.rng.choices(GIVEN_CHARS, k=self.rng.choice((1, 2, 2))))
            name = self.rng.choice(SURNAMES) + given
            if name not in self._names:
                self._names.add(name)
                return name

    def word(self, chars: str = WORD_CHARS) -> str:
        while True:
            word = "".join(self.rng.sample(chars, 2))
            if word not in self._names:
                self._names.add(word)
                return word

    def point(self, place: _Place, address: str) -> tuple[float, float]:
        """Where `address` is: inside its region, near the centre, the same for every task there.

        Drawn from a stream of its own, seeded by the seed and the address, so the main stream
        (and with it every other record) does not depend on how many draws a point took.
        """
        point = self._points.get(address)
        if point is None:
            rng = random.Random(f"{self.seed}:{address}")
            point = point_near_centre(place.region, rng, spread=POINT_SPREAD)
            self._points[address] = point
        return point

    def phone(self) -> str:
        # The 0000 middle block is the placeholder Chinese forms use: plainly not a real line.
        return f"{self.rng.choice(MOBILE_PREFIXES)}0000{self.rng.randint(0, 9999):04d}"


# --- staff and places ---------------------------------------------------------------------------


@dataclass
class _Staff:
    rows: list[dict[str, Any]] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # by username
    leads: dict[str, str] = field(default_factory=dict)  # squad code -> lead id
    officers: dict[str, list[str]] = field(default_factory=dict)  # squad code -> officer ids
    accounts: tuple[DemoAccount, ...] = ()

    @property
    def admin(self) -> str:
        return self.ids["admin"]

    @property
    def registrar(self) -> str:
        return self.ids["registrar"]


def _plan_staff(ctx: _Context) -> _Staff:
    staff = _Staff()
    people: list[tuple[str, Role, str | None]] = [
        ("admin", Role.ADMIN, None),
        ("registrar", Role.REGISTRAR, None),
        ("supervisor", Role.SUPERVISOR, None),
    ]
    for number, code in enumerate(SQUAD_NAMES, start=1):
        people.append((f"lead{number}", Role.LEAD, code))
        for officer in range(1, OFFICERS_PER_SQUAD[code] + 1):
            people.append((f"officer{number}{officer}", Role.OFFICER, code))
    accounts = []
    for username, role, squad in people:
        row = ctx.stamp(ctx.setup_at, staff.ids.get("admin"))
        row["created_by"] = row["created_by"] or row["id"]  # the first admin made itself
        name = ctx.person_name()
        row |= {
            "username": username,
            "display_name": name,
            "role": role,
            "squad_code": squad,
            "phone": ctx.phone(),
            "active": True,
        }
        staff.rows.append(row)
        staff.ids[username] = row["id"]
        if role is Role.LEAD and squad is not None:
            staff.leads[squad] = row["id"]
        elif role is Role.OFFICER and squad is not None:
            staff.officers.setdefault(squad, []).append(row["id"])
        accounts.append(DemoAccount(username, role, squad, name))
    staff.accounts = tuple(accounts)
    return staff


@dataclass(frozen=True, slots=True)
class _Place:
    region: GeoRegion
    prefix: str  # the address up to the district: 贵州省贵阳市南明区
    city: str  # whose property registry: 贵阳市 for its districts, else the county's own
    streets: tuple[str, ...]

    @property
    def code(self) -> str:
        return self.region.code


def _plan_places(ctx: _Context) -> dict[str, _Place]:
    places: dict[str, _Place] = {}
    for region in default_gazetteer().regions:
        # 贵安新区 is jointly run by the province, so its addresses leave out 贵阳市.
        if region.code in GB2260_CODES:
            prefix = f"贵州省贵阳市{region.name}"
        else:
            prefix = f"贵州省{region.name}"
        # Districts share the city's property registry; counties and 清镇市 keep their own.
        city = (
            "贵阳市" if region.name.endswith("区") and region.code in GB2260_CODES else region.name
        )
        streets = tuple(ctx.word(STREET_CHARS) + ctx.rng.choice(STREET_SUFFIXES) for _ in range(5))
        places[region.code] = _Place(region, prefix, city, streets)
    return places


def _address(ctx: _Context, place: _Place, *, home: bool) -> str:
    street = ctx.rng.choice(place.streets)
    number = ctx.rng.randint(1, 288)
    if home:
        building, unit = ctx.rng.randint(1, 24), ctx.rng.randint(1, 4)
        room = ctx.rng.randint(1, 32) * 100 + ctx.rng.randint(1, 6)
        return f"{place.prefix}{street}{number}号{building}栋{unit}单元{room}号"
    return f"{place.prefix}{street}{number}号{ctx.word()}大厦{ctx.rng.randint(1, 28)}楼"


# --- reference records ------------------------------------------------------------------------


def _reference_rows(
    ctx: _Context, staff: _Staff, places: dict[str, _Place]
) -> dict[type[RecordBase], list[dict[str, Any]]]:
    return {
        Region: [_region_row(ctx, staff, place) for place in places.values()],
        MatterType: [_matter_type_row(ctx, staff, matter) for matter in Matter],
        Squad: _squad_rows(ctx, staff, places),
        StaffMember: staff.rows,
        RoutingRule: _routing_rule_rows(ctx, staff, places),
    }


def _region_row(ctx: _Context, staff: _Staff, place: _Place) -> dict[str, Any]:
    region = place.region
    rings = [[[[lon, lat] for lon, lat in ring] for ring in polygon] for polygon in region.polygons]
    boundary: dict[str, Any] = (
        {"type": "Polygon", "coordinates": rings[0]}
        if len(rings) == 1
        else {"type": "MultiPolygon", "coordinates": rings}
    )
    return ctx.stamp(ctx.setup_at, staff.admin) | {
        "code": region.code,
        "name": region.name,
        "name_en": region.name_en,
        "parent_code": CITY_CODE,
        "centroid_lat": region.centroid[0],
        "centroid_lon": region.centroid[1],
        "boundary": boundary,
    }


def _matter_type_row(ctx: _Context, staff: _Staff, matter: Matter) -> dict[str, Any]:
    return ctx.stamp(ctx.setup_at, staff.admin) | {
        "code": matter.value,
        "name": MATTER_NAMES_ZH[matter],
        "min_officers": 2 if matter in TWO_OFFICER_MATTERS else 1,
        "must_record_video": matter in VIDEO_MATTERS,
        "legal_basis": LEGAL_BASIS[matter],
    }


def _squad_rows(ctx: _Context, staff: _Staff, places: dict[str, _Place]) -> list[dict[str, Any]]:
    field_matters = [m.value for m in Matter if m not in ASSET_MATTERS]
    rows = []
    for code, name in SQUAD_NAMES.items():
        if code == ASSET_CONTROL_SQUAD:
            regions, matters = list(places), [m.value for m in ASSET_MATTERS]
        else:
            regions, matters = list(SQUAD_REGIONS[code]), field_matters
        rows.append(
            ctx.stamp(ctx.setup_at, staff.admin)
            | {
                "code": code,
                "name": name,
                "lead_id": staff.leads[code],
                # Members are the officers a lead hands tasks to; the lead is lead_id.
                "member_ids": list(staff.officers[code]),
                "region_codes": regions,
                "matter_codes": matters,
            }
        )
    return rows


def _routing_rule_rows(
    ctx: _Context, staff: _Staff, places: dict[str, _Place]
) -> list[dict[str, Any]]:
    # Lower number wins: asset control (10) beats the region rules (50), the catch-all is last.
    rules: list[tuple[int, str, str, str, str]] = [
        (
            10,
            m.value,
            WILDCARD,
            ASSET_CONTROL_SQUAD,
            f"{MATTER_NAMES_ZH[m]}由财产控制组全市统一办理",
        )
        for m in ASSET_MATTERS
    ]
    for squad, regions in SQUAD_REGIONS.items():
        for code in regions:
            name = places[code].region.name
            rules.append((50, WILDCARD, code, squad, f"{name}由{SQUAD_NAMES[squad]}办理"))
    rules.append(
        (
            1000,
            WILDCARD,
            WILDCARD,
            CATCH_ALL_SQUAD,
            "兜底：未列明区域的委托先交第一外勤组，由组长视情转派",
        )
    )
    return [
        ctx.stamp(ctx.setup_at, staff.admin)
        | {
            "priority": priority,
            "matter_code": matter,
            "region_code": region,
            "squad_code": squad,
            "note": note,
        }
        for priority, matter, region, squad, note in rules
    ]


# --- cases and parties ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _AssetPlan:
    """An asset put under control long ago; `renewed` ones have since been renewed."""

    kind: AssetKind
    effective_on: date
    renewed: bool


@dataclass
class _Party:
    row: dict[str, Any]
    regions: list[str]  # the region of each address in row["addresses"], in order

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def name(self) -> str:
        return str(self.row["name"])

    @property
    def is_person(self) -> bool:
        return bool(self.row["kind"] is PartyKind.PERSON)


@dataclass
class _Case:
    row: dict[str, Any]
    parties: list[_Party]
    assets: tuple[_AssetPlan, ...] = ()

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def filed_on(self) -> date:
        value: date = self.row["filed_on"]
        return value

    @property
    def closed(self) -> bool:
        return self.row["closed_for_now_on"] is not None

    @property
    def respondents(self) -> list[_Party]:
        return [p for p in self.parties if p.row["role"] is PartyRole.RESPONDENT]


# (days from today to the original measure's last day, asset kind, renewed since) per old case:
# five measures run out within 30 days (one within 7) and three already ran on into a renewal.
OLD_CASE_ASSETS: tuple[tuple[tuple[int, AssetKind, bool], ...], ...] = (
    ((4, AssetKind.BANK_DEPOSIT, False), (-45, AssetKind.REAL_ESTATE, True)),
    ((12, AssetKind.VEHICLE, False),),
    ((18, AssetKind.BANK_DEPOSIT, False), (-20, AssetKind.BANK_DEPOSIT, True)),
    ((23, AssetKind.REAL_ESTATE, False),),
    ((28, AssetKind.BANK_DEPOSIT, False),),
    ((-75, AssetKind.VEHICLE, True),),
)
CURRENT_CASES = 46
PRIOR_CASES = 8
JUDGES = 8
CASES_PER_YEAR = {"执": 4000, "执恢": 300, "执保": 900}  # the size of the court's counters


def _effective_for_expiry(target: date, kind: AssetKind) -> date:
    """The first effective day whose legal-maximum period ends on or after `target`."""
    months = period_for(kind).max_months
    effective = _add_months(target, -months) - timedelta(days=3)
    while expiry_date(effective, kind, months) < target:
        effective += timedelta(days=1)
    return effective


def _plan_old_cases(ctx: _Context) -> list[tuple[_AssetPlan, ...]]:
    return [
        tuple(
            _AssetPlan(kind, _effective_for_expiry(ctx.today + timedelta(days=d), kind), renewed)
            for d, kind, renewed in specs
        )
        for specs in OLD_CASE_ASSETS
    ]


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in range(day.day, 27, -1):  # clamp 31 Aug + 6 months to 28/29 Feb
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    return date(year, month + 1, min(day.day, 28))


def _cases(
    ctx: _Context,
    places: dict[str, _Place],
    old_cases: list[tuple[_AssetPlan, ...]],
    registrar: str,
) -> list[_Case]:
    filings: list[tuple[date, tuple[_AssetPlan, ...]]] = []
    for assets in old_cases:
        first = min(asset.effective_on for asset in assets)
        filings.append((first - timedelta(days=ctx.rng.randint(20, 90)), assets))
    filings += [
        (ctx.today - timedelta(days=ctx.rng.randint(20, 140)), ()) for _ in range(CURRENT_CASES)
    ]
    filings += [
        (ctx.today - timedelta(days=ctx.rng.randint(250, 420)), ()) for _ in range(PRIOR_CASES)
    ]
    filings.sort(key=lambda filing: filing[0])
    serials: set[tuple[int, str, int]] = set()
    homes = _home_regions(ctx, len(filings) * 2)
    cases = []
    for filed_on, assets in filings:
        case_row = _case_row(ctx, filed_on, assets, serials, registrar)
        cases.append(_Case(case_row, _parties(ctx, places, case_row, homes), assets))
    return cases


def _home_regions(ctx: _Context, count: int) -> list[str]:
    # Every region first, so each has respondents; then as requests are spread in life.
    codes = list(REGION_WEIGHTS)
    homes = codes + ctx.rng.choices(codes, weights=list(REGION_WEIGHTS.values()), k=count)
    return homes


def _case_row(
    ctx: _Context,
    filed_on: date,
    assets: tuple[_AssetPlan, ...],
    serials: set[tuple[int, str, int]],
    registrar: str,
) -> dict[str, Any]:
    year = filed_on.year
    roll = ctx.rng.random()
    kind = "执" if assets or roll < 0.8 else ("执恢" if roll < 0.9 else "执保")
    serial = _case_serial(ctx, filed_on, kind, serials)
    judge = _judge(ctx)
    closed_on = None
    if assets:
        # Closed for now (终本) a while after its last asset was put under control.
        last = max(asset.effective_on for asset in assets)
        closed_on = min(
            last + timedelta(days=ctx.rng.randint(30, 90)), ctx.today - timedelta(days=10)
        )
    created = ctx.at(filed_on, 10, ctx.rng.randint(0, 59))
    return ctx.stamp(created, registrar) | {
        "case_number": f"（{year}）{COURT_CODE}{kind}{serial}号",
        "track": CaseTrack.FAST if ctx.rng.random() < 0.4 else CaseTrack.ORDINARY,
        "enforcement_basis": _enforcement_basis(ctx, filed_on, kind),
        "amount_fen": ctx.rng.randint(200, 30_000) * 10_000 + ctx.rng.choice((0, 0, 0, 50, 8_800)),
        "judge_name": judge,
        "team": f"{judge}团队",
        "filed_on": filed_on,
        "legal_due_on": _add_months(filed_on, 6),
        "closed_for_now_on": closed_on,
    }


def _case_serial(
    ctx: _Context, filed_on: date, kind: str, serials: set[tuple[int, str, int]]
) -> int:
    """A serial that grows through the year, as the court's filing counter does."""
    per_year = CASES_PER_YEAR[kind]
    expected = filed_on.timetuple().tm_yday * per_year // 366
    while True:
        serial = max(1, expected + ctx.rng.randint(-per_year // 50, per_year // 50))
        if (filed_on.year, kind, serial) not in serials:
            serials.add((filed_on.year, kind, serial))
            return serial


def _judge(ctx: _Context) -> str:
    # A small bench: the same judges send many requests, as in a real bureau.
    if len(ctx.judges) < JUDGES:
        ctx.judges.append(ctx.person_name())
        return ctx.judges[-1]
    return ctx.rng.choice(ctx.judges)


def _enforcement_basis(ctx: _Context, filed_on: date, kind: str) -> str:
    year = filed_on.year - (1 if filed_on.month <= 3 or ctx.rng.random() < 0.5 else 0)
    court = ctx.rng.choice(BASIC_COURTS)
    number = ctx.rng.randint(100, 9999)
    if kind == "执保":
        return f"（{year}）黔{court}民初{number}号民事裁定书"
    roll = ctx.rng.random()
    if roll < 0.6:
        return f"（{year}）黔{court}民初{number}号民事判决书"
    if roll < 0.8:
        return f"（{year}）黔{court}民初{number}号民事调解书"
    if roll < 0.9:
        return f"（{year}）{COURT_CODE}民终{number}号民事判决书"
    return f"贵阳仲裁委员会（{year}）筑仲裁字第{number}号裁决书"


def _parties(
    ctx: _Context, places: dict[str, _Place], case_row: dict[str, Any], homes: list[str]
) -> list[_Party]:
    created: datetime = case_row["created_at"]
    applicant_is_lender = ctx.rng.random() < 0.35
    parties = [
        _party(
            ctx,
            places,
            case_row,
            PartyRole.APPLICANT,
            ctx.rng.choice(list(REGION_WEIGHTS)),
            lender=applicant_is_lender,
            created=created,
        )
    ]
    for _ in range(1 if ctx.rng.random() < 0.7 else 2):
        parties.append(
            _party(ctx, places, case_row, PartyRole.RESPONDENT, homes.pop(0), created=created)
        )
    return parties


def _party(
    ctx: _Context,
    places: dict[str, _Place],
    case_row: dict[str, Any],
    role: PartyRole,
    home: str,
    *,
    created: datetime,
    lender: bool = False,
) -> _Party:
    place = places[home]
    is_person = not lender and ctx.rng.random() < 0.6
    addresses, regions = [_address(ctx, place, home=is_person)], [home]
    if ctx.rng.random() < 0.3:  # a second place: work, business premises, a relative's flat
        other = places[ctx.rng.choice(list(places))]
        addresses.append(_address(ctx, other, home=ctx.rng.random() < 0.5))
        regions.append(other.code)
    if is_person:
        name, number, representative = ctx.person_name(), _id_number(ctx, home), ""
        phones = [ctx.phone() for _ in range(ctx.rng.randint(1, 2))]
    else:
        name, number = _organisation_name(ctx, place, lender), _credit_code(ctx, home)
        representative, phones = ctx.person_name(), [ctx.phone()][: ctx.rng.randint(0, 1)]
    row = ctx.stamp(created, case_row["created_by"]) | {
        "case_id": case_row["id"],
        "role": role,
        "kind": PartyKind.PERSON if is_person else PartyKind.ORGANISATION,
        "name": name,
        "id_number": number,
        "addresses": addresses,
        "phones": phones,
        "legal_representative": representative,
    }
    return _Party(row, regions)


def _organisation_name(ctx: _Context, place: _Place, lender: bool) -> str:
    town = place.region.name if place.region.name.endswith(("县", "市")) else "贵阳"
    industry = ctx.rng.choice(LENDER_INDUSTRIES if lender else INDUSTRIES)
    return f"{town}{ctx.word()}{industry}有限公司"


def _id_number(ctx: _Context, home: str) -> str:
    area = home if home in GB2260_CODES else CITY_CODE
    if ctx.rng.random() < 0.25:
        area = ctx.rng.choice(OTHER_BIRTH_CODES)
    born = date(1958, 1, 1) + timedelta(days=ctx.rng.randint(0, 42 * 365))
    first17 = f"{area}{born:%Y%m%d}{ctx.rng.randint(0, 999):03d}"
    return first17 + id_check_digit(first17)


def _credit_code(ctx: _Context, home: str) -> str:
    # 9 = registered by market regulation, 1 = company; then the division and the old
    # organisation code (GB 11714, with its own check character), then the MOD 31 check.
    area = home if home in GB2260_CODES else CITY_CODE
    body = f"{ctx.rng.randint(0, 99_999_999):08d}"
    remainder = (
        11 - sum(int(c) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    )
    org_check = {10: "X", 11: "0"}.get(remainder, str(remainder))
    first17 = f"91{area}{body}{org_check}"
    return first17 + credit_check_char(first17)


# --- assignments --------------------------------------------------------------------------------


@dataclass
class _Task:
    row: dict[str, Any]
    case: _Case
    party: _Party
    place: _Place
    bank: str | None  # the branch that holds the account, for a freeze

    @property
    def status(self) -> AssignmentStatus:
        status: AssignmentStatus = self.row["status"]
        return status

    @property
    def matter(self) -> Matter:
        matter: Matter = self.row["matter"]
        return matter

    @property
    def received_at(self) -> datetime:
        received: datetime = self.row["received_at"]
        return received


def _assignments(
    ctx: _Context,
    staff: _Staff,
    places: dict[str, _Place],
    cases: list[_Case],
    router: Router,
) -> list[_Task]:
    keys: set[str] = set()
    tasks = []
    for status, matter, region in _task_plan(ctx):
        received = _received_at(ctx, status)
        case, party = _pick_party(ctx, cases, matter, region, court_date(received))
        place = places[region]
        bank = _branch(ctx) if matter is Matter.FREEZE else None
        address, key = _task_address(ctx, case, party, place, matter, bank, keys)
        squad = None if status is AssignmentStatus.REGISTERED else router.route(matter, region)
        # Geocoded when registered: the gazetteer puts every address inside its district.
        lat, lon = ctx.point(place, address)
        row = ctx.stamp(received, staff.registrar) | {
            "registration_no": "",  # numbered below, once all are in received order
            "request_key": key,
            "case_id": case.id,
            "matter": matter,
            "party_id": party.id,
            "address": address,
            "lat": lat,
            "lon": lon,
            "region_code": region,
            "squad_code": squad,
            "requested_by": case.row["judge_name"],
            "received_at": received,
            "status": status,
        }
        row |= _officers(ctx, staff, squad, matter, status)
        row |= _progress(ctx, matter, status, received)
        tasks.append(_Task(row, case, party, place, bank))
    _number(tasks)
    _mark_deadlines(ctx, tasks)
    _plan_todays_work(ctx, staff, tasks)
    return tasks


def _task_plan(ctx: _Context) -> list[tuple[AssignmentStatus, Matter, str]]:
    """(status, matter, region) of each task: every one of each occurs, in set proportions."""
    statuses = [status for status, count in STATUS_COUNTS.items() for _ in range(count)]
    total = len(statuses)
    matters = list(Matter) + ctx.rng.choices(
        list(MATTER_WEIGHTS), weights=list(MATTER_WEIGHTS.values()), k=total - len(Matter)
    )
    regions = list(REGION_WEIGHTS) + ctx.rng.choices(
        list(REGION_WEIGHTS), weights=list(REGION_WEIGHTS.values()), k=total - len(REGION_WEIGHTS)
    )
    for items in (statuses, matters, regions):
        ctx.rng.shuffle(items)
    return list(zip(statuses, matters, regions, strict=True))


def _received_at(ctx: _Context, status: AssignmentStatus) -> datetime:
    low, high = RECEIVED_DAYS_AGO[status]
    return ctx.office_time(ctx.today - timedelta(days=ctx.rng.randint(low, high)))


def _pick_party(
    ctx: _Context, cases: list[_Case], matter: Matter, region: str, received_on: date
) -> tuple[_Case, _Party]:
    """A respondent of a case filed by then, preferably one who has an address in `region`."""
    candidates = [
        (case, party)
        for case in cases
        if case.filed_on <= received_on and (not case.closed or matter in CLOSED_CASE_MATTERS)
        for party in case.respondents
    ]
    local = [(case, party) for case, party in candidates if region in party.regions]
    return ctx.rng.choice(local or candidates)


def _branch(ctx: _Context) -> str:
    return f"{ctx.rng.choice(BANKS)}贵阳{ctx.word()}支行"


def _task_address(
    ctx: _Context,
    case: _Case,
    party: _Party,
    place: _Place,
    matter: Matter,
    bank: str | None,
    keys: set[str],
) -> tuple[str, str]:
    """Where the task is, and its request key; a new address where the party has none there."""
    known = [
        a for a, r in zip(party.row["addresses"], party.regions, strict=True) if r == place.code
    ]
    while True:
        if bank is not None:  # a freeze is done at the bank's counter
            address = f"{_address(ctx, place, home=False)}（{bank}）"
        elif known:
            address = ctx.rng.choice(known)
        else:
            address = _address(ctx, place, home=party.is_person)
            party.row["addresses"].append(address)
            party.regions.append(place.code)
        key = _request_key(case, party, matter, address, place.code)
        if key not in keys:
            keys.add(key)
            return address, key
        known = []  # the same request twice would be a duplicate: go somewhere else


def _request_key(case: _Case, party: _Party, matter: Matter, address: str, region: str) -> str:
    # Built by the registration form's own recipe, so registering a demo request again is
    # recognised as a duplicate, exactly as a real one would be.
    request = FieldRequest(
        line=0,
        case_number=case.row["case_number"],
        matter=matter,
        party_name=party.name,
        party_kind=party.row["kind"],
        id_number=party.row["id_number"],
        address=address,
        region_code=region,
        requested_by="",
        due_on=None,
        priority=Priority.NORMAL,
        notes="",
    )
    return request.request_key


def _officers(
    ctx: _Context, staff: _Staff, squad: str | None, matter: Matter, status: AssignmentStatus
) -> dict[str, Any]:
    staffed = status in STAFFED_STATUSES or (
        status is AssignmentStatus.RETURNED and ctx.rng.random() < 0.5  # returned after a visit
    )
    if squad is None or not staffed:
        return {"officer_id": None, "second_officer_id": None}
    members = staff.officers[squad]
    officer = ctx.rng.choice(members)
    second = None
    if matter in TWO_OFFICER_MATTERS or ctx.rng.random() < 0.2:
        second = ctx.rng.choice([m for m in members if m != officer])
    return {"officer_id": officer, "second_officer_id": second}


def _progress(
    ctx: _Context, matter: Matter, status: AssignmentStatus, received: datetime
) -> dict[str, Any]:
    """Priority, due date and what became of the task so far."""
    urgent = ctx.rng.random() < (0.3 if matter in ASSET_MATTERS else 0.1)
    received_on = court_date(received)
    days = ctx.rng.randint(2, 5) if urgent else ctx.rng.randint(7, 20)
    completed = None
    result = return_reason = notes = ""
    if status is AssignmentStatus.DONE:
        age = (ctx.today - received_on).days
        completed = ctx.office_time(received_on + timedelta(days=ctx.rng.randint(1, min(age, 12))))
        result = ctx.rng.choice(RESULTS[matter])
    elif status is AssignmentStatus.RETURNED:
        return_reason = ctx.rng.choice(RETURN_REASONS)
    elif status is AssignmentStatus.CANCELLED:
        notes = ctx.rng.choice(CANCEL_NOTES)
    elif status is AssignmentStatus.REGISTERED:
        notes = RETURNED_TO_REGISTRAR
    touched = completed or min(received + timedelta(hours=ctx.rng.randint(1, 48)), ctx.now)
    return {
        "priority": Priority.URGENT if urgent else Priority.NORMAL,
        "due_on": received_on + timedelta(days=days),
        "result": result,
        "return_reason": return_reason,
        "notes": notes,
        "completed_at": completed,
        "updated_at": touched,
    }


def _number(tasks: list[_Task]) -> None:
    """Registration numbers in the order requests were received, counted per year."""
    tasks.sort(key=lambda task: (task.received_at, task.row["id"]))
    next_seq: dict[int, int] = {}
    for task in tasks:
        day = court_date(task.received_at)
        if day.year not in next_seq:
            # About four requests a day came in before the demo window opened.
            next_seq[day.year] = 1 + 4 * (day - date(day.year, 1, 1)).days
        task.row["registration_no"] = format_registration_no(day.year, next_seq[day.year])
        next_seq[day.year] += 1


def _mark_deadlines(ctx: _Context, tasks: list[_Task]) -> None:
    # Open tasks past their deadline and due today are what the queues and escalations are
    # about, so the demo makes sure there are some of each.
    def age(task: _Task) -> int:
        return (ctx.today - court_date(task.received_at)).days

    open_tasks = [task for task in tasks if task.status in OPEN_STATUSES]
    overdue = ctx.rng.sample([task for task in open_tasks if age(task) >= 3], 8)
    for task in overdue:
        task.row["due_on"] = ctx.today - timedelta(days=ctx.rng.randint(1, min(age(task) - 1, 10)))
    rest = [task for task in open_tasks if all(task is not late for late in overdue)]
    for task in ctx.rng.sample(rest, 4):
        task.row["due_on"] = ctx.today


def _plan_todays_work(ctx: _Context, staff: _Staff, tasks: list[_Task]) -> None:
    """Give every officer a day's work: 4–10 open tasks due today or overdue, two due today.

    So each officer's Today list and route show real stops, whichever account signs in. Tasks
    an officer shares with a second officer count for both, so no change lifts the other one
    past the most.
    """
    least, aim, most = TODAYS_WORK
    for squad, officers in staff.officers.items():
        for officer in officers:
            _give_enough_tasks(ctx, squad, officer, officers, tasks, least)
    staffed = [t for t in tasks if t.status in OPEN_STATUSES and t.row["officer_id"]]
    by_officer: dict[str, list[_Task]] = {}
    for task in staffed:
        for officer in _named(task):
            by_officer.setdefault(officer, []).append(task)

    def due(task: _Task) -> date:
        value: date = task.row["due_on"]
        return value

    def load(officer: str) -> int:
        return sum(due(task) <= ctx.today for task in by_officer.get(officer, ()))

    def room(task: _Task) -> bool:
        return all(load(officer) < most for officer in _named(task))

    every = [officer for officers in staff.officers.values() for officer in officers]
    for officer in every:  # too much: the lead gave more time on some
        late = [task for task in by_officer.get(officer, ()) if due(task) <= ctx.today]
        ctx.rng.shuffle(late)
        while load(officer) > aim and late:
            late.pop().row["due_on"] = ctx.today + timedelta(days=ctx.rng.randint(1, 7))
    for officer in every:
        mine = by_officer.get(officer, [])
        later = [task for task in mine if due(task) > ctx.today]
        ctx.rng.shuffle(later)
        wanted = ctx.rng.randint(least, least + 2)
        while load(officer) < wanted and later:
            task = later.pop()
            if room(task):
                _bring_forward(ctx, task)
        today = [task for task in mine if due(task) == ctx.today]
        overdue = [task for task in mine if due(task) < ctx.today]
        ctx.rng.shuffle(overdue)
        while len(today) < DUE_TODAY_AT_LEAST and overdue:
            task = overdue.pop()
            task.row["due_on"] = ctx.today
            today.append(task)


def _named(task: _Task) -> list[str]:
    return [o for o in (task.row["officer_id"], task.row["second_officer_id"]) if o]


def _bring_forward(ctx: _Context, task: _Task) -> None:
    """Due today, or a few days ago when the task came in early enough."""
    age = (ctx.today - court_date(task.received_at)).days
    if age >= 1 and ctx.rng.random() < 0.5:
        task.row["due_on"] = ctx.today - timedelta(days=ctx.rng.randint(1, min(age, 6)))
    else:
        task.row["due_on"] = ctx.today


def _give_enough_tasks(
    ctx: _Context, squad: str, officer: str, members: list[str], tasks: list[_Task], least: int
) -> None:
    """At least `least` open tasks for the officer: as second officer on the squad's open tasks
    that have none, then the squad's routed tasks assigned to them."""

    def count() -> int:
        return sum(t.status in OPEN_STATUSES and officer in _named(t) for t in tasks)

    ours = [t for t in tasks if t.row["squad_code"] == squad and t.status in OPEN_STATUSES]
    helpers = [t for t in ours if t.row["officer_id"] not in (None, officer)]
    helpers = [t for t in helpers if t.row["second_officer_id"] is None]
    ctx.rng.shuffle(helpers)
    while count() < least and helpers:
        helpers.pop().row["second_officer_id"] = officer
    routed = [t for t in ours if t.status is AssignmentStatus.ROUTED]
    ctx.rng.shuffle(routed)
    while count() < least and routed:
        task = routed.pop()
        task.row["status"] = AssignmentStatus.ASSIGNED
        task.row["officer_id"] = officer
        if task.matter in TWO_OFFICER_MATTERS:
            task.row["second_officer_id"] = ctx.rng.choice([m for m in members if m != officer])


# --- visits -------------------------------------------------------------------------------------

VISIT_NOTES: dict[VisitOutcome, str] = {
    VisitOutcome.NOT_AT_HOME: "敲门无人应答，向邻居了解被执行人近期较少回家，已留下联系卡。",
    VisitOutcome.REFUSED: "被执行人拒不开门配合，已释明拒不履行的法律后果，拟报请签发搜查令。",
    VisitOutcome.MET: "见到被执行人本人，已告知执行事项，其表示一周内筹款履行。",
    VisitOutcome.MOVED_AWAY: "物业称被执行人已于去年搬离，现住址不详，已调取物业登记信息。",
    VisitOutcome.DONE: "现场执行完毕，已制作笔录并由在场人员签字，详见执行笔录。",
}
OPEN_OUTCOMES = (
    VisitOutcome.NOT_AT_HOME,
    VisitOutcome.REFUSED,
    VisitOutcome.MET,
    VisitOutcome.MOVED_AWAY,
)


def _visits(ctx: _Context, tasks: list[_Task]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for task in tasks:
        if task.status is AssignmentStatus.DONE and ctx.rng.random() < 0.12:
            rows += _done_visits(ctx, task)
        elif task.status is AssignmentStatus.IN_PROGRESS and ctx.rng.random() < 0.2:
            visit = _in_progress_visit(ctx, task)
            rows.append(visit)
            # Recording the visit is the task's latest change.
            task.row["updated_at"] = max(task.row["updated_at"], visit["left_at"])
    return rows


def _done_visits(ctx: _Context, task: _Task) -> list[dict[str, Any]]:
    completed: datetime = task.row["completed_at"]
    # Long enough before completion that the visit (at most 90 minutes) ends before it.
    final_at = completed - timedelta(minutes=ctx.rng.randint(100, 150))
    rows = []
    # Some took a second trip: on the first, the day after the request came in, nobody was home.
    first_at = ctx.office_time(court_date(task.received_at) + timedelta(days=1))
    if first_at < final_at - timedelta(days=1) and ctx.rng.random() < 0.5:
        rows.append(_visit_row(ctx, task, first_at, VisitOutcome.NOT_AT_HOME))
    rows.append(_visit_row(ctx, task, final_at, VisitOutcome.DONE))
    return rows


def _in_progress_visit(ctx: _Context, task: _Task) -> dict[str, Any]:
    received_on = court_date(task.received_at)
    day = received_on + timedelta(days=ctx.rng.randint(1, (ctx.today - received_on).days))
    arrived = max(ctx.office_time(day), task.received_at + timedelta(hours=1))
    return _visit_row(ctx, task, arrived, ctx.rng.choice(OPEN_OUTCOMES))


def _visit_row(
    ctx: _Context, task: _Task, arrived: datetime, outcome: VisitOutcome
) -> dict[str, Any]:
    left = min(arrived + timedelta(minutes=ctx.rng.randint(20, 90)), ctx.now)
    officers = [o for o in (task.row["officer_id"], task.row["second_officer_id"]) if o]
    lat, lon = task.row["lat"], task.row["lon"]
    present: list[str] = []
    if outcome in (VisitOutcome.MET, VisitOutcome.REFUSED, VisitOutcome.DONE):
        present.append(_respondent_label(task.party))
    elif outcome is VisitOutcome.MOVED_AWAY:
        present.append(f"物业管理人员 {ctx.person_name()}")
    witnesses = []
    if outcome is VisitOutcome.REFUSED or (
        outcome is VisitOutcome.DONE and task.matter in TWO_OFFICER_MATTERS | {Matter.SERVICE}
    ):
        witnesses.append(f"{task.place.streets[0][:2]}社区工作人员 {ctx.person_name()}")
    return ctx.stamp(arrived, officers[0] if officers else None, left) | {
        "assignment_id": task.row["id"],
        "arrived_at": arrived,
        "left_at": left,
        # The phone's fix, a few tens of metres from the geocoded address.
        "lat": round(lat + ctx.rng.gauss(0, 0.0003), 6),
        "lon": round(lon + ctx.rng.gauss(0, 0.0003), 6),
        "accuracy_m": float(ctx.rng.randint(5, 30)),
        "location_source": LocationSource.GPS,
        "outcome": outcome,
        "officer_ids": officers,
        "persons_present": present,
        "witnesses": witnesses,
        "notes": VISIT_NOTES[outcome],
    }


def _respondent_label(party: _Party) -> str:
    if party.is_person:
        return f"被执行人 {party.name}"
    return f"被执行人{party.name}法定代表人 {party.row['legal_representative']}"


# --- asset control ------------------------------------------------------------------------------

RECENT_ASSETS = 9
MEASURES = {
    AssetKind.REAL_ESTATE: ControlMeasure.SEAL,
    AssetKind.VEHICLE: ControlMeasure.SEIZE,
    AssetKind.MOVABLE: ControlMeasure.SEIZE,
    AssetKind.BANK_DEPOSIT: ControlMeasure.FREEZE,
    AssetKind.EQUITY: ControlMeasure.FREEZE,
    AssetKind.OTHER: ControlMeasure.FREEZE,
}
MATTER_ASSETS = {
    Matter.SEAL: AssetKind.REAL_ESTATE,
    Matter.SEIZE: AssetKind.VEHICLE,
    Matter.FREEZE: AssetKind.BANK_DEPOSIT,
}
DIGITS_ZH = "〇一二三四五六七八九"
PLATE_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O on plates


@dataclass(frozen=True, slots=True)
class _Asset:
    """Where an asset is and whose it is: the parts of a control record a renewal repeats."""

    kind: AssetKind
    description: str
    identifiers: dict[str, str]
    location: str
    assisting_body: str
    custodian: str
    seal_numbers: list[str]


def _asset_controls(
    ctx: _Context,
    staff: _Staff,
    places: dict[str, _Place],
    cases: list[_Case],
    tasks: list[_Task],
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    control_squad = staff.officers[ASSET_CONTROL_SQUAD]
    for case in cases:
        party = case.respondents[0]
        place = places[party.regions[0]]
        for plan in case.assets:
            asset = _describe_asset(ctx, plan.kind, place, party, plan.effective_on, None)
            by = ctx.rng.choice(control_squad)
            created = ctx.at(plan.effective_on, 10, ctx.rng.randint(0, 59))
            original = _control_row(ctx, case.id, None, asset, plan.effective_on, created, by)
            rows.append(original)
            if plan.renewed:
                rows.append(_renewal_row(ctx, case.id, asset, original, by))
    done = [t for t in tasks if t.status is AssignmentStatus.DONE and t.matter in ASSET_MATTERS]
    for task in done[:RECENT_ASSETS]:
        completed: datetime = task.row["completed_at"]
        effective = court_date(completed)
        kind = MATTER_ASSETS[task.matter]
        asset = _describe_asset(ctx, kind, task.place, task.party, effective, task)
        by = task.row["officer_id"]
        rows.append(
            _control_row(ctx, task.case.id, task.row["id"], asset, effective, completed, by)
        )
    rows += _online_freezes(ctx, staff, places, cases, RECENT_ASSETS - len(done))
    _number_rulings(rows, cases)
    return rows


def _online_freezes(
    ctx: _Context, staff: _Staff, places: dict[str, _Place], cases: list[_Case], count: int
) -> list[dict[str, Any]]:
    # Deposits frozen through the online inquiry-and-control network need no field task; they
    # make up the numbers when a seed happens to finish few asset tasks.
    open_cases = [case for case in cases if not case.closed]
    rows = []
    for case in ctx.rng.sample(open_cases, max(count, 0)):
        party = case.respondents[0]
        place = places[party.regions[0]]
        effective = max(case.filed_on, ctx.today - timedelta(days=ctx.rng.randint(3, 50)))
        asset = _describe_asset(ctx, AssetKind.BANK_DEPOSIT, place, party, effective, None)
        created = ctx.office_time(effective)
        rows.append(_control_row(ctx, case.id, None, asset, effective, created, staff.registrar))
    return rows


def _control_row(
    ctx: _Context,
    case_id: str,
    assignment_id: str | None,
    asset: _Asset,
    effective_on: date,
    created: datetime,
    by: str | None,
) -> dict[str, Any]:
    months = period_for(asset.kind).max_months
    return (
        ctx.stamp(created, by)
        | _asset_columns(asset)
        | {
            "case_id": case_id,
            "assignment_id": assignment_id,
            "measure": MEASURES[asset.kind],
            "effective_on": effective_on,
            "period_months": months,
            "expires_on": expiry_date(effective_on, asset.kind, months),
            "renews_id": None,
        }
    )


def _renewal_row(
    ctx: _Context, case_id: str, asset: _Asset, previous: dict[str, Any], by: str | None
) -> dict[str, Any]:
    """The renewal (续行) of `previous`, ordered a few weeks before it ran out."""
    previous_end: date = previous["expires_on"]
    renewed_on = previous_end - timedelta(days=ctx.rng.randint(7, 25))
    months = period_for(asset.kind).max_months
    return (
        ctx.stamp(ctx.at(renewed_on, 15, ctx.rng.randint(0, 59)), by)
        | _asset_columns(asset)
        | {
            "case_id": case_id,
            "assignment_id": None,
            "measure": ControlMeasure.RENEW,
            "effective_on": previous_end + timedelta(days=1),
            "period_months": months,
            "expires_on": renewal_expiry(previous_end, asset.kind, months, renewed_on=renewed_on),
            "renews_id": previous["id"],
        }
    )


def _asset_columns(asset: _Asset) -> dict[str, Any]:
    return {
        "asset_kind": asset.kind,
        "asset_description": asset.description,
        "identifiers": dict(asset.identifiers),
        "location": asset.location,
        "assisting_body": asset.assisting_body,
        "custodian": asset.custodian,
        "seal_numbers": list(asset.seal_numbers),
    }


def _number_rulings(rows: list[dict[str, Any]], cases: list[_Case]) -> None:
    """Each control ruling is numbered after its case, in the order they were made:
    （2026）黔01执12号之一, 之二, …"""
    numbers = {case.id: case.row["case_number"] for case in cases}
    made: dict[str, int] = {}
    for row in sorted(rows, key=lambda row: (row["created_at"], row["id"])):
        made[row["case_id"]] = made.get(row["case_id"], 0) + 1
        row["ruling_no"] = f"{numbers[row['case_id']]}之{_chinese_number(made[row['case_id']])}"


def _chinese_number(n: int) -> str:
    """1..99 as written in document numbers: 一, 十, 十一, 二十三."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS_ZH[tens] + "十")
    return head + (DIGITS_ZH[units] if units else "")


def _describe_asset(
    ctx: _Context,
    kind: AssetKind,
    place: _Place,
    party: _Party,
    effective_on: date,
    task: _Task | None,
) -> _Asset:
    seal_prefix = f"GYZY-{effective_on.year}-"  # the bureau's numbered paper seals (封条)
    if kind is AssetKind.REAL_ESTATE:
        location = task.row["address"] if task else _address(ctx, place, home=party.is_person)
        issued = effective_on.year - ctx.rng.randint(1, 8)
        certificate = f"黔（{issued}）{place.city}不动产权第{ctx.rng.randint(1, 999_999):07d}号"
        use = "住宅一套" if party.is_person else "商业用房一处"
        return _Asset(
            kind,
            f"被执行人{party.name}名下{use}，建筑面积{ctx.rng.randint(60, 180)}平方米",
            {"property_certificate_no": certificate},
            location,
            f"{place.city}不动产登记中心",
            f"被执行人{party.name}（活封，可继续使用）",
            [f"{seal_prefix}{ctx.rng.randint(1, 99_999):05d}" for _ in range(2)],
        )
    if kind is AssetKind.VEHICLE:
        plate = "贵A·" + "".join(ctx.rng.choices(PLATE_CHARS, k=5))
        engine = "".join(ctx.rng.choices(PLATE_CHARS, k=10))
        colour = ctx.rng.choice(("白色", "黑色", "银灰色", "红色"))
        return _Asset(
            kind,
            f"被执行人{party.name}名下{colour}小型普通客车一辆",
            {"plate_no": plate, "engine_no": engine},
            task.row["address"] if task else _address(ctx, place, home=False),
            "贵阳市公安局交通管理局车辆管理所",
            f"本院涉案车辆停放场（{ctx.word()}停车场）",
            [f"{seal_prefix}{ctx.rng.randint(1, 99_999):05d}"],
        )
    bank = (task.bank if task else None) or _branch(ctx)
    account = "6" + "".join(ctx.rng.choices("0123456789", k=18))
    limit = ctx.rng.randint(1, 500) * 1000
    return _Asset(
        kind,
        f"被执行人{party.name}在{bank}开立账户内的存款，冻结限额人民币{limit}元",
        {"account_no": account, "bank": bank},
        task.row["address"] if task else bank,
        bank,
        "",
        [],
    )
