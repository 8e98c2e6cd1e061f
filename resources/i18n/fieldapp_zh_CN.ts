<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../fieldapp/ui/about_dialog.py" line="+45"/>
        <location line="+1"/>
        <source>About Fieldapp</source>
        <translation>关于 Fieldapp</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fieldapp {version}</source>
        <translation>Fieldapp {version}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Field work of the court&apos;s field affairs centre</source>
        <translation>法院外勤事务中心的外勤工作</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Copy details</source>
        <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy these details, e.g. for a support request</source>
        <translation>复制这些信息，例如用于提交技术支持请求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;data folder</source>
        <translation>打开数据文件夹(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database schema</source>
        <translation>数据库结构</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>Signed in</source>
        <translation>当前用户</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>not enrolled with a central store</source>
        <translation>本机尚未在中心服务器登记</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{role}, {squad_name}</source>
        <translation>{role}，{squad_name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{role}, squad {squad}</source>
        <translation>{role}，{squad} 外勤小组</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Central store</source>
        <translation>中心服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qt / PySide6</source>
        <translation>Qt / PySide6</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>installed</source>
        <translation>安装版</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>from source</source>
        <translation>源代码运行</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot be read: {error}</source>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not created yet</source>
        <translation>尚未创建</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revision {revision} (current)</source>
        <translation>版本 {revision}（最新）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revision {revision} (this version expects {head})</source>
        <translation>版本 {revision}（本程序需要 {head}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>field officer</source>
        <translation>外勤干警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>squad lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>registrar</source>
        <translation>登记员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>supervisor</source>
        <translation>督查员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not open {folder}: no file manager answered.</source>
        <translation>无法打开 {folder}：没有可用的文件管理器。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;About Fieldapp</source>
        <translation>关于 Fieldapp(&amp;A)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Version, data and log folders, for a support request</source>
        <translation>版本、数据文件夹和日志文件夹，供技术支持使用</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>AssetControlDialog</name>
    <message>
        <location filename="../../fieldapp/ui/asset_control_dialog.py" line="+83"/>
        <source>Asset control — %1</source>
        <translation>财产控制 — %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Earlier measure to renew or release</source>
        <translation>要续行或解除的原措施</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Kind of asset</source>
        <translation>财产类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Asset description</source>
        <translation>财产描述</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the asset is</source>
        <translation>财产所在地</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ruling no.</source>
        <translation>裁定书文号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assisting body</source>
        <translation>协助执行单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Custodian</source>
        <translation>保管人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seal numbers</source>
        <translation>封条编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Separated by 、</source>
        <translation>用“、”分隔</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Effective on</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period in months</source>
        <translation>期限（月）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Officers carrying out the measure</source>
        <translation>实施措施的执行人员</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Persons present</source>
        <translation>在场人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One a line, or separated by 、</source>
        <translation>每行一人，或用“、”分隔</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Expiry and days left</source>
        <translation>到期日及剩余天数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What stops the record</source>
        <translation>无法保存的原因</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Measure:</source>
        <translation>措施(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Earlier measure:</source>
        <translation>原措施(&amp;E)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Kind of asset:</source>
        <translation>财产类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Description:</source>
        <translation>财产描述(&amp;D)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lo&amp;cation:</source>
        <translation>位置(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ruling no.:</source>
        <translation>裁定书文号(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Assisting body:</source>
        <translation>协助执行单位(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ustodian:</source>
        <translation>保管人(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Seal numbers:</source>
        <translation>封条编号(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;ffective on:</source>
        <translation>生效日期(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Period:</source>
        <translation>期限(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Officers:</source>
        <translation>执行人员(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Persons prese&amp;nt:</source>
        <translation>在场人(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires:</source>
        <translation>到期：</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Released: no expiry</source>
        <translation>已解除：无到期日</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2), counted from %3 — %4</source>
        <translation>%1（%2），自 %3 起算 — %4</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>First measure for this kind: %1</source>
        <translation>该类财产可采取的措施：%1</translation>
    </message>
</context>
<context>
    <name>AssetWatchModel</name>
    <message>
        <location filename="../../fieldapp/ui/asset_watch_model.py" line="+52"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires on</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measure</source>
        <translation>控制措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset</source>
        <translation>财产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>外勤任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Squad</source>
        <translation>外勤小组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Renewals</source>
        <translation>续行次数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seal</source>
        <translation>查封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seize</source>
        <translation>扣押</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freeze</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Renew</source>
        <translation>续行查封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release</source>
        <translation>解除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Real estate</source>
        <translation>不动产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Movable property</source>
        <translation>动产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank deposit</source>
        <translation>银行存款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equity</source>
        <translation>股权</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other property</source>
        <translation>其他财产</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>expired %1 d ago</source>
        <translation>已过期 %1 天</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> (closed for now)</source>
        <translation>（终本）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Ruling: %1</source>
        <translation>裁定书：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In force since %1</source>
        <translation>自 %1 起生效</translation>
    </message>
</context>
<context>
    <name>AssetWatchSection</name>
    <message>
        <location filename="../../fieldapp/ui/asset_watch_section.py" line="+74"/>
        <source>Filter by measure</source>
        <translation>按控制措施筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All measures</source>
        <translation>全部措施</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter by squad</source>
        <translation>按外勤小组筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All squads</source>
        <translation>全部小组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Measure:</source>
        <translation>控制措施(&amp;M)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;quad:</source>
        <translation>外勤小组(&amp;Q)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+5"/>
        <source>Draft &amp;renewal…</source>
        <translation>起草续封(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+181"/>
        <source>Draft renewal</source>
        <translation>起草续封</translation>
    </message>
    <message>
        <location line="-179"/>
        <source>Issue the renewal ruling and the notice to assist for the selected control</source>
        <translation>为所选财产控制出具续行裁定书和协助执行通知书</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A squad lead or an officer drafts renewals.</source>
        <translation>续封由组长或外勤干警起草。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Assets under control</source>
        <translation>控制中的财产</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>%1 in force · expired %2 · within 7 days %3 · 30 days %4 · 90 days %5</source>
        <translation>控制中 %1 项 · 已过期 %2 · 7天内 %3 · 30天内 %4 · 90天内 %5</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The watch list could not be loaded: %1</source>
        <translation>财产到期监控列表无法加载：%1</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Select the control to renew.</source>
        <translation>请选择要续封的财产控制。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Renew the control of %1 from %2 until %3?

This issues the renewal ruling and the notice to assist (two document numbers of case %4) and records the renewal.</source>
        <translation>续行控制 %1，期限自 %2 至 %3？

将出具续行裁定书和协助执行通知书（占用案件 %4 的两个文书编号），并登记续行记录。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Renewed until %1: %2, %3</source>
        <translation>已续行至 %1：%2、%3</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>it expired on %1. A lapsed control cannot be renewed: the asset must be sealed, seized or frozen anew.</source>
        <translation>该控制已于 %1 到期。已失效的控制不能续行，须重新查封、扣押或冻结。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it was already renewed; renew its latest renewal instead (refresh the list).</source>
        <translation>该控制已经续行过；请对最新的续行记录办理续封（请刷新列表）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the asset was released; a released control cannot be renewed.</source>
        <translation>该财产已解除控制；已解除的控制不能续行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this control is no longer on this laptop; refresh the list.</source>
        <translation>本机已无此财产控制记录；请刷新列表。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this record is a release, not a control.</source>
        <translation>该记录是解除记录，不是控制措施。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no expiry date is recorded for it, so the renewal cannot be dated.</source>
        <translation>该控制未记录到期日，无法确定续行期限。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it continues a control that is not on this laptop; sync, then try again.</source>
        <translation>该控制所续行的记录不在本机上；请先同步，再重试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no document number is left for this case; sync to lease more.</source>
        <translation>本案已无可用文书编号；请同步以申领更多编号。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot renew: %1</source>
        <translation>无法续封：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Asset watch</source>
        <translation>财产到期监控</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../fieldapp/ui/assign_dialog.py" line="+118"/>
        <location line="+1"/>
        <source>Assign tasks</source>
        <translation>分派外勤任务</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Main officer</source>
        <translation>主办干警</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Second officer</source>
        <translation>协办干警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>— choose an officer —</source>
        <translation>— 选择干警 —</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} ({count} open)</source>
        <translation>{name}（在办 {count} 件）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The matter needs at least {count} officers on site.</source>
        <translation>该事项现场至少需要 {count} 名干警。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Why the tasks cannot be assigned</source>
        <translation>任务不能分派的原因</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Assign</source>
        <translation>分派(&amp;A)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Main officer:</source>
        <translation>主办干警(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Second officer:</source>
        <translation>协办干警(&amp;S)：</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Choose the main officer.</source>
        <translation>请选择主办干警。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The main and the second officer must be two different people.</source>
        <translation>主办干警和协办干警必须是两个人。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a second officer: the matter needs two.</source>
        <translation>请选择协办干警：该事项需要两名干警。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source> and {count} more</source>
        <translation> 等另外 {count} 件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Task {number}: {matter}, {party}, {address}</source>
        <translation>任务 {number}：{matter}，{party}，{address}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} tasks: {numbers}</source>
        <translation>{count} 件任务：{numbers}</translation>
    </message>
</context>
<context>
    <name>AssignMessages</name>
    <message>
        <location line="-190"/>
        <source>Only the squad lead assigns tasks.</source>
        <translation>只有组长可以分派任务。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The task is not routed to a squad yet; the registrar routes it first.</source>
        <translation>该任务尚未分派到外勤小组，须先由登记员分派。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The task belongs to squad {squad}; a lead assigns only their own squad&apos;s.</source>
        <translation>该任务属于外勤小组 {squad}；组长只能分派本组的任务。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The task is closed ({status}) and is not assigned again.</source>
        <translation>该任务已结束（{status}），不能再分派。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} belongs to another squad than the task.</source>
        <translation>{name} 与该任务不属于同一外勤小组。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} cannot be both the main and the second officer.</source>
        <translation>{name} 不能同时担任主办和协办干警。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{matter} needs at least {count} officers: choose a second officer.</source>
        <translation>{matter}至少需要 {count} 名干警：请选择协办干警。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} is no longer active.</source>
        <translation>{name} 已停用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} is not a field officer.</source>
        <translation>{name} 不是外勤干警。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No task is selected: select the tasks to assign first.</source>
        <translation>未选择任务：请先选择要分派的任务。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too many tasks at once; assign fewer.</source>
        <translation>一次分派的任务过多，请减少数量。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The task or officer is not on this laptop; sync and try again.</source>
        <translation>本机上没有该任务或干警，请同步后重试。</translation>
    </message>
</context>
<context>
    <name>AssignTools</name>
    <message>
        <location filename="../../fieldapp/ui/assign_actions.py" line="+57"/>
        <source>Outcome of the last assignment</source>
        <translation>上次分派的结果</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Assign…</source>
        <translation>分派(&amp;A)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the selected tasks to an officer</source>
        <translation>把所选任务分派给干警</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Assign… (Ctrl+Shift+A)</source>
        <translation>分派…（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assign the selected tasks</source>
        <translation>分派所选任务</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select the tasks to assign first.</source>
        <translation>请先选择要分派的任务。</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Assigned: {numbers}</source>
        <translation>已分派：{numbers}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing changed: the officers already hold these tasks.</source>
        <translation>未作更改：这些任务已由所选干警承办。</translation>
    </message>
</context>
<context>
    <name>AssignmentDock</name>
    <message>
        <location filename="../../fieldapp/ui/assignment_page_dock.py" line="+37"/>
        <source>Field task</source>
        <translation>外勤任务</translation>
    </message>
</context>
<context>
    <name>AssignmentPageView</name>
    <message>
        <location filename="../../fieldapp/ui/assignment_page.py" line="+65"/>
        <source>Field task</source>
        <translation>外勤任务</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No task opened. Double-click a task to open it.</source>
        <translation>尚未打开任务。双击任务即可打开。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Field task tabs</source>
        <translation>外勤任务标签页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Overview</source>
        <translation>概况(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Visits</source>
        <translation>外勤走访(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Evidence</source>
        <translation>证据(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Asset control</source>
        <translation>财产控制(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notices &amp;&amp; &amp;service</source>
        <translation>文书与送达(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;History</source>
        <translation>历史(&amp;H)</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Due %1 — %2</source>
        <translation>期限 %1 — %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deadline clock paused since %1</source>
        <translation>办理期限自 %1 起暂停计算</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>This laptop does not hold that task (any more).</source>
        <translation>本机上没有（或已不再有）该任务。</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Notice</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Which document:</source>
        <translation>选择文书：</translation>
    </message>
</context>
<context>
    <name>AssignmentTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/assignment_table_model.py" line="+43"/>
        <source>Registration no.</source>
        <translation>登记号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due date</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officers</source>
        <translation>外勤干警</translation>
    </message>
    <message>
        <location line="+177"/>
        <source>clock paused</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Due date with the deadline clock&apos;s pauses counted</source>
        <translation>办理期限已扣除暂停计时的期间</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Overdue by {days} days</source>
        <translation>已逾期 {days} 天</translation>
    </message>
</context>
<context>
    <name>BatchIssueDialog</name>
    <message>
        <location filename="../../fieldapp/ui/notice_batch_dialog.py" line="+58"/>
        <source>Issue notices in batch</source>
        <translation>批量签发文书</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Issue all</source>
        <translation>全部签发(&amp;I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Issued %1 of %2</source>
        <translation>已签发 %1 / %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was issued. Fix these tasks and try again:</source>
        <translation>未签发任何文书。请修正以下任务后重试：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was issued: %1</source>
        <translation>未签发任何文书：%1</translation>
    </message>
    <message numerus="yes">
        <location line="-73"/>
        <source>%n notice(s) to issue</source>
        <translation>
            <numerusform>待签发 %n 份文书</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+60"/>
        <source>%n notice(s) issued</source>
        <translation>
            <numerusform>已签发 %n 份文书</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulletinTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/dashboard_model.py" line="+49"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carried over</source>
        <translation>上周结转</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>本周新收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>本周办结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completion rate</source>
        <translation>办结率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average days</source>
        <translation>平均办结天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>周末超期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level 1</source>
        <translation>一级督办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level 2</source>
        <translation>二级督办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level 3</source>
        <translation>三级督办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level 4</source>
        <translation>四级督办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assets expiring in 30 days</source>
        <translation>30日内到期财产</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tasks still open when the week began</source>
        <translation>本周开始时仍未办结的任务</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Completed ÷ (carried over + received); change in points</source>
        <translation>本周办结 ÷（上周结转 + 本周新收）；变化以百分点计</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open at the end of the week and past their due day</source>
        <translation>周末仍未办结且已过办理期限的任务</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seals, seizures and freezes in force that expire within 30 days</source>
        <translation>30日内到期的在控查封、扣押、冻结财产</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>This week %1; change on last week %2</source>
        <translation>本周 %1；与上周相比 %2</translation>
    </message>
</context>
<context>
    <name>ClockPauseDialog</name>
    <message>
        <location filename="../../fieldapp/ui/clock_pause_dialog.py" line="+63"/>
        <source>Resume the clock — %1</source>
        <translation>恢复计时 — %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause the clock — %1</source>
        <translation>暂停计时 — %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. the number of the ruling or decision</source>
        <translation>如裁定书或决定书文号</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>since %1 — %2</source>
        <translation>自 %1 起 — %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paused:</source>
        <translation>暂停中：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last paused day</source>
        <translation>暂停的最后一日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Last paused day:</source>
        <translation>暂停的最后一日(&amp;L)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First paused day</source>
        <translation>暂停的第一日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;First paused day:</source>
        <translation>暂停的第一日(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>事由(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal basis:</source>
        <translation>法律依据：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What stops the change</source>
        <translation>不能保存的原因</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Resume</source>
        <translation>恢复计时(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Pause</source>
        <translation>暂停计时(&amp;P)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>court practice (no statutory provision)</source>
        <translation>法院工作惯例（无法律条文依据）</translation>
    </message>
</context>
<context>
    <name>ClockPauseLabels</name>
    <message>
        <location filename="../../fieldapp/ui/clock_pause_labels.py" line="+13"/>
        <source>Public notice period</source>
        <translation>公告期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stay of execution</source>
        <translation>暂缓执行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspension of execution</source>
        <translation>中止执行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting a higher court&apos;s instructions</source>
        <translation>请示上级法院</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Execution dispute referred for coordination</source>
        <translation>执行争议协调</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other (approved)</source>
        <translation>其他（经批准）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only the lead of the task&apos;s squad, a registrar or an admin may pause or resume the clock.</source>
        <translation>只有任务所属外勤组的组长、登记员或管理员可以暂停或恢复计时。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The task belongs to another squad: a lead pauses only their own squad&apos;s tasks.</source>
        <translation>该任务属于其他外勤组：组长只能暂停本组的任务。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The task is closed: its clock no longer runs.</source>
        <translation>该任务已结束：办理期限不再计算。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the reason from the list.</source>
        <translation>请从列表中选择事由。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A pause cannot start before the task was received (%1).</source>
        <translation>暂停不能早于任务接收日（%1）开始。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A pause cannot start in the future.</source>
        <translation>暂停不能从将来的日期开始。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The clock is paused already: resume it before pausing it again.</source>
        <translation>计时已在暂停中：请先恢复计时，再重新暂停。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The pause overlaps another pause of this task.</source>
        <translation>该暂停与本任务的另一次暂停重叠。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The clock is not paused.</source>
        <translation>计时未暂停。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A pause cannot end before it started (%1).</source>
        <translation>暂停的结束日不能早于开始日（%1）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A pause cannot end in the future.</source>
        <translation>暂停不能在将来的日期结束。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The note is too long (at most 200 characters).</source>
        <translation>备注过长（最多 200 个字）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The note holds invisible control characters: remove them.</source>
        <translation>备注含有不可见的控制字符：请删除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The stored pauses of this task cannot be read; an admin must correct them first.</source>
        <translation>本任务已存的暂停记录无法读取，须先由管理员更正。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This task has too many pauses.</source>
        <translation>本任务的暂停次数过多。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter a valid date.</source>
        <translation>请输入有效日期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This laptop does not hold that task (any more).</source>
        <translation>本机没有（或已不再有）该任务。</translation>
    </message>
</context>
<context>
    <name>ClockPausePanel</name>
    <message>
        <location filename="../../fieldapp/ui/clock_pause_panel.py" line="+35"/>
        <source>Deadline clock pauses</source>
        <translation>办理期限暂停记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Until</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+57"/>
        <source>The clock has not been paused.</source>
        <translation>办理期限未曾暂停。</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Pause the clock…</source>
        <translation>暂停计时…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pause the deadline clock (Ctrl+Shift+H)</source>
        <translation>暂停计算办理期限（Ctrl+Shift+H）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume the clock…</source>
        <translation>恢复计时…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume the deadline clock (Ctrl+Shift+R)</source>
        <translation>恢复计算办理期限（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>still paused</source>
        <translation>仍在暂停</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The stored pauses cannot be read.</source>
        <translation>已存的暂停记录无法读取。</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../fieldapp/ui/conflict_dialog.py" line="+118"/>
        <location line="+1"/>
        <source>Settle a sync conflict</source>
        <translation>处理同步冲突</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{record}: two edits of “{field}” met on the central store.</source>
        <translation>{record}：“{field}”在中心服务器上有两处修改相冲突。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Raised {when}; the losing edit came from {who}.</source>
        <translation>产生于 {when}；未被采用的修改来自 {who}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an unknown laptop</source>
        <translation>未知的笔记本电脑</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Take the &amp;laptop&apos;s value</source>
        <translation>采用笔记本上的值(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keep the central store&apos;s value</source>
        <translation>保留中心服务器的值(&amp;K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Enter another value:</source>
        <translation>填写其他值(&amp;E)：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sent from the laptop</source>
        <translation>笔记本提交的值</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Kept by the central store</source>
        <translation>中心服务器保留的值</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Another value</source>
        <translation>其他值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 2026-12-01 for a date, 紧急 for a priority</source>
        <translation>例如日期填 2026-12-01，优先级填 紧急</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note on the decision</source>
        <translation>处理说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why (optional): recorded with the decision</source>
        <translation>处理理由（选填）：与处理决定一并记录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This field belongs to the officer: the lead can only keep the central store&apos;s value; the officer enters it again if it is wrong.</source>
        <translation>该字段由外勤干警填写：组长只能保留中心服务器的值；如有错误，由干警重新填写。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Record decision</source>
        <translation>记录处理决定(&amp;R)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Note:</source>
        <translation>说明(&amp;N)：</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The note is too long (at most {count} characters).</source>
        <translation>说明过长（最多 {count} 个字）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the value, or pick one of the two.</source>
        <translation>请填写值，或在两个值中选择一个。</translation>
    </message>
</context>
<context>
    <name>ConflictSection</name>
    <message>
        <location filename="../../fieldapp/ui/conflict_section.py" line="+109"/>
        <source>Open sync conflicts</source>
        <translation>未处理的同步冲突</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+5"/>
        <source>&amp;Review…</source>
        <translation>处理(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review the selected conflict</source>
        <translation>处理所选的同步冲突</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Two edits of the same field met on the central store; it kept the first. Pick the value that stands: the decision is recorded and synced.</source>
        <translation>同一字段的两处修改在中心服务器上相冲突，服务器保留了先到的修改。请确定采用哪个值：处理决定将被记录并同步。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{count} open conflicts</source>
        <translation>{count} 个未处理的同步冲突</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No open conflicts</source>
        <translation>没有未处理的同步冲突</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Decision recorded; it goes out with the next sync.</source>
        <translation>处理决定已记录，将在下次同步时上传。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The decision was not recorded: {reason}</source>
        <translation>决定未能记录：{reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Conflicts</source>
        <translation>同步冲突</translation>
    </message>
</context>
<context>
    <name>ConflictTableModel</name>
    <message>
        <location line="-179"/>
        <source>Task</source>
        <translation>外勤任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent from the laptop</source>
        <translation>笔记本提交的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept by the central store</source>
        <translation>中心服务器保留的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raised</source>
        <translation>产生时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>来自</translation>
    </message>
</context>
<context>
    <name>ConflictTexts</name>
    <message>
        <location filename="../../fieldapp/ui/conflict_dialog.py" line="-236"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due date</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main officer</source>
        <translation>主办干警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second officer</source>
        <translation>协办干警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Squad</source>
        <translation>外勤小组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for return</source>
        <translation>退回原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline pauses</source>
        <translation>期限中止</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Only the squad lead settles sync conflicts.</source>
        <translation>只有组长可以处理同步冲突。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This conflict is settled already.</source>
        <translation>该同步冲突已处理。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The note is too long (at most {count} characters).</source>
        <translation>说明过长（最多 {count} 个字）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This field is not the lead&apos;s: keep the central store&apos;s value and ask its owner to enter it again.</source>
        <translation>该字段不由组长填写：请保留中心服务器的值，并请其填写人重新填写。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose one of the two values; this field is not typed.</source>
        <translation>请在两个值中选择一个；该字段不能手工填写。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The task is not on this laptop; sync first.</source>
        <translation>本机上没有该任务，请先同步。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The conflict is not on this laptop; sync first.</source>
        <translation>本机上没有该同步冲突，请先同步。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The value is too long.</source>
        <translation>该值过长。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The main and the second officer would be the same person.</source>
        <translation>主办干警与协办干警不能是同一人。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The task cannot move to that status from the status it has now.</source>
        <translation>该外勤任务不能从当前状态改为该状态。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This version of the app does not know the field; update it first.</source>
        <translation>当前版本的程序不认识该字段，请先升级。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The value is not valid: {detail}</source>
        <translation>该值无效：{detail}</translation>
    </message>
</context>
<context>
    <name>ControlsTab</name>
    <message>
        <location filename="../../fieldapp/ui/assignment_page_lists.py" line="+160"/>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset</source>
        <translation>财产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifiers</source>
        <translation>识别信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ruling no.</source>
        <translation>裁定书文号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective on</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires on</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custodian</source>
        <translation>保管人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal numbers</source>
        <translation>封条编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asset control of the case</source>
        <translation>本案财产控制</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record &amp;measure…</source>
        <translation>登记措施(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;new…</source>
        <translation>续行查封(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;lease…</source>
        <translation>解除(&amp;L)…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>No asset put under control by this task yet.</source>
        <translation>本任务尚未控制任何财产。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Record asset control (Ctrl+Shift+A)</source>
        <translation>记录财产控制措施（Ctrl+Shift+A）</translation>
    </message>
</context>
<context>
    <name>DashboardSection</name>
    <message>
        <location filename="../../fieldapp/ui/dashboard_section.py" line="+76"/>
        <source>Week of the bulletin</source>
        <translation>通报周次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Week:</source>
        <translation>周次(&amp;W)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+235"/>
        <source>Save the bulletin as PDF</source>
        <translation>将周通报另存为 PDF</translation>
    </message>
    <message>
        <location line="-234"/>
        <source>Save the weekly bulletin as a PDF</source>
        <translation>将周通报另存为 PDF 文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Figures per squad</source>
        <translation>各外勤小组情况</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Figures per officer</source>
        <translation>各外勤干警情况</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 (%2 to %3)</source>
        <translation>%1（%2 至 %3）</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Not routed to a squad</source>
        <translation>未分派小组的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Squad total</source>
        <translation>本组合计</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The bulletin could not be loaded: %1</source>
        <translation>周通报无法加载：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(unassigned)</source>
        <translation>（未指派）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (now in %2)</source>
        <translation>%1（现属%2）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Carried over %1, received %2 (%3), completed %4 (%5); completion rate %6 (last week %7).</source>
        <translation>上周结转 %1 件，本周新收 %2 件（环比 %3），办结 %4 件（环比 %5）；办结率 %6（上周 %7）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Average %1 days to complete; %2 overdue at the end of the week (%3); %4 escalations; %5 assets expire within 30 days.</source>
        <translation>平均办结用时 %1 天；周末超期 %2 件（环比 %3）；督办 %4 件；30日内到期财产 %5 项。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Received, completed and overdue by squad</source>
        <translation>各组新收、办结与周末超期任务（件）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received</source>
        <translation>本周新收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>本周办结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>周末超期</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Escalations by level</source>
        <translation>督办分级（件）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last week</source>
        <translation>上周</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The PDF could not be saved: %1</source>
        <translation>PDF 无法保存：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Bulletin</source>
        <translation>周通报</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../fieldapp/ui/first_run_wizard.py" line="+118"/>
        <source>Ready</source>
        <translation>设置完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This laptop is set up for Fieldapp.</source>
        <translation>本机已完成 Fieldapp 设置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in as:</source>
        <translation>登录用户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Squad:</source>
        <translation>外勤小组：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Central store:</source>
        <translation>中心服务器：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Finish opens Fieldapp. From now on you sign in with the same password, also without a network; your work is kept in the data folder above.</source>
        <translation>点击“完成”打开 Fieldapp。今后使用同一密码登录，无网络时也可登录；您的工作数据保存在上面的数据文件夹中。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>none (not in a squad)</source>
        <translation>无（不属于任何外勤小组）</translation>
    </message>
</context>
<context>
    <name>EscalationBadge</name>
    <message>
        <location filename="../../fieldapp/ui/escalation_badge.py" line="+36"/>
        <source>%1 escalation(s) not acknowledged</source>
        <translation>%1 条督办未确认</translation>
    </message>
</context>
<context>
    <name>EscalationLabels</name>
    <message>
        <location filename="../../fieldapp/ui/escalation_labels.py" line="+18"/>
        <source>Level 1</source>
        <translation>一级督办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level 2</source>
        <translation>二级督办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level 3</source>
        <translation>三级督办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level 4</source>
        <translation>四级督办</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level %1</source>
        <translation>%1级督办</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the officer in charge</source>
        <translation>承办干警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the squad lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the head of the field affairs centre</source>
        <translation>外勤事务中心主任</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the chief of the enforcement bureau</source>
        <translation>执行局局长</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Raised to %1.</source>
        <translation>报%1督办。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>field task %1 (%2): its deadline clock is paused.</source>
        <translation>外勤任务%1（%2）：期限计时已暂停。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 day(s) overdue</source>
        <translation>已逾期 %1 天</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due in %1 day(s)</source>
        <translation>%1 天后到期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>field task %1 (%2) was due on %3 — %4.</source>
        <translation>外勤任务%1（%2）办理期限至%3——%4。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 has no expiry date.</source>
        <translation>%1没有到期日。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expired %1 day(s) ago, at risk of losing control</source>
        <translation>已到期 %1 天，有脱保风险</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expires today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 day(s) left</source>
        <translation>剩余 %1 天</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 expires on %2 — %3; renew it in time.</source>
        <translation>%1将于%2到期——%3；请及时续行查封。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 (computed)</source>
        <translation>%1（本机推算）</translation>
    </message>
</context>
<context>
    <name>EscalationModel</name>
    <message>
        <location filename="../../fieldapp/ui/escalation_model.py" line="+35"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raised at</source>
        <translation>发起时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>As recorded: %1</source>
        <translation>原记录：%1</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Computed on this laptop</source>
        <translation>本机计算（待中心确认）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not acknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged %1</source>
        <translation>已确认 %1</translation>
    </message>
</context>
<context>
    <name>EscalationSection</name>
    <message>
        <location filename="../../fieldapp/ui/escalation_section.py" line="+80"/>
        <location line="+7"/>
        <source>&amp;Acknowledge</source>
        <translation>确认收到(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledge the selected escalation</source>
        <translation>确认收到所选督办</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+121"/>
        <source>Record that you have seen the selected escalation</source>
        <translation>记录您已收到所选督办</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>My escalations</source>
        <translation>我的督办</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Open task</source>
        <translation>打开任务(&amp;O)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>History of the selected item</source>
        <translation>所选事项的督办记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Escalation history of the selected item</source>
        <translation>所选事项的督办历史</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 not acknowledged · %2 in all</source>
        <translation>未确认 %1 条 · 共 %2 条</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No escalations are raised to you.</source>
        <translation>暂无向您发出的督办。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The escalations could not be loaded: %1</source>
        <translation>督办无法加载：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nothing to acknowledge: no escalation is selected.</source>
        <translation>无可确认：未选中督办。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing to acknowledge: no escalation is raised to you.</source>
        <translation>无可确认：没有向您发起的督办。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Computed on this laptop: it can be acknowledged after the next sync.</source>
        <translation>本机推算：下次同步后方可确认。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Computed on this laptop from its data; the central store raises the record at its next pass, and it can be acknowledged then.</source>
        <translation>由本机根据本机数据计算；中心下次督办检查时将正式发出，届时方可确认。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not acknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Select an escalation first.</source>
        <translation>请先选择一条督办。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This escalation was computed on this laptop; it can be acknowledged once the central store has raised it (after the next sync).</source>
        <translation>此督办由本机计算，须待中心正式发出后（下次同步后）方可确认。</translation>
    </message>
    <message>
        <location line="-52"/>
        <location line="+58"/>
        <location line="+18"/>
        <source>You have acknowledged this escalation already.</source>
        <translation>您已确认过此督办。</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Acknowledged; it reaches the central store at the next sync.</source>
        <translation>已确认，下次同步时上传至中心。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This escalation is no longer on this laptop.</source>
        <translation>本机已无此督办。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the person it was raised to may acknowledge it.</source>
        <translation>只有督办对象本人可以确认。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The acknowledgement was not saved: %1</source>
        <translation>确认未能保存：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Escalations</source>
        <translation>督办</translation>
    </message>
</context>
<context>
    <name>EvidenceTab</name>
    <message>
        <location filename="../../fieldapp/ui/evidence_tab.py" line="+71"/>
        <source>Evidence items</source>
        <translation>证据列表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Item</source>
        <translation>证据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Captured</source>
        <translation>采集时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custody</source>
        <translation>保管状态</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add &amp;files…</source>
        <translation>添加文件(&amp;F)…</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Add photos, videos, audio or scans (Ctrl+Shift+O)</source>
        <translation>添加照片、视频、录音或扫描件（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>Add &amp;note…</source>
        <translation>添加笔录(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Correct…</source>
        <translation>更正(&amp;C)…</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>Evidence is never edited: a correction is a new item naming this one</source>
        <translation>证据不可修改：更正将新增一条引用原证据的记录</translation>
    </message>
    <message>
        <location line="-125"/>
        <location line="+106"/>
        <source>Drop files here to add them as evidence.</source>
        <translation>将文件拖放到此处即可添加为证据。</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Evidence status</source>
        <translation>证据状态</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Corrects %1</source>
        <translation>更正 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Corrected by a later item</source>
        <translation>已被后续证据更正</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>on this laptop only</source>
        <translation>仅在本机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file not yet on the server</source>
        <translation>文件尚未上传至服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>received by the court %1</source>
        <translation>法院已于 %1 接收</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Add evidence files</source>
        <translation>添加证据文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence (*.jpg *.jpeg *.png *.heic *.mp4 *.mov *.m4a *.mp3 *.wav *.pdf);;All files (*)</source>
        <translation>证据文件 (*.jpg *.jpeg *.png *.heic *.mp4 *.mov *.m4a *.mp3 *.wav *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>note</source>
        <translation>笔录</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Adding %1…</source>
        <translation>正在添加 %1…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not added: %1 — %2</source>
        <translation>未添加：%1 — %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Added. Drop more files here to add them.</source>
        <translation>已添加。可继续将文件拖放到此处。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Evidence note</source>
        <translation>证据笔录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What was observed:</source>
        <translation>现场情况：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Correct evidence</source>
        <translation>更正证据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What is corrected, and why (the original stays as it is):</source>
        <translation>更正内容及原因（原证据保持不变）：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The corrected file (cancel for a note only)</source>
        <translation>更正后的文件（取消则仅添加笔录）</translation>
    </message>
</context>
<context>
    <name>ExceptHook</name>
    <message>
        <location filename="../../fieldapp/ui/excepthook.py" line="+57"/>
        <source>Something went wrong, and Fieldapp could not finish what it was doing.
Your saved work is safe. If this happens again, please tell your administrator.</source>
        <translation>程序出现错误，未能完成当前操作。
已保存的内容不受影响。如再次出现，请告知系统管理员。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The details were written to {path}.</source>
        <translation>详细信息已写入 {path}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+3"/>
        <source>Unexpected error</source>
        <translation>程序错误</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../fieldapp/ui/first_run_wizard.py" line="+65"/>
        <source>Set up Fieldapp</source>
        <translation>设置 Fieldapp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First-run setup</source>
        <translation>首次运行设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>GroupTreeModel</name>
    <message>
        <location filename="../../fieldapp/ui/group_tree_model.py" line="+57"/>
        <source>All tasks</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not routed to a squad</source>
        <translation>未分组</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No region</source>
        <translation>未定区域</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>{total} tasks, {open} open, {overdue} overdue</source>
        <translation>共 {total} 件任务，未办结 {open} 件，逾期 {overdue} 件</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{total} (overdue {overdue})</source>
        <translation>{total}（逾期 {overdue}）</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../fieldapp/ui/assignment_page_lists.py" line="+85"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History of the task</source>
        <translation>任务历史</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>registered</source>
        <translation>登记收案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recorded</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed centrally</source>
        <translation>中心端修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sync conflict</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>escalated</source>
        <translation>督办</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>field task</source>
        <translation>外勤任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>visit</source>
        <translation>外勤走访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asset control</source>
        <translation>财产控制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>notice</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>service</source>
        <translation>送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>escalation</source>
        <translation>督办</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not sent yet</source>
        <translation>待上传</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from the central store</source>
        <translation>来自中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open</source>
        <translation>未处理</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../fieldapp/ui/import_preview_dialog.py" line="+111"/>
        <source>Import requests — {file}</source>
        <translation>导入外勤申请 — {file}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import preview</source>
        <translation>导入预览</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{good} good rows, {bad} rows with problems (read as {encoding}). Nothing is written until you import; rows with problems are left out.</source>
        <translation>{good} 行无误，{bad} 行有问题（按 {encoding} 编码读取）。导入前不会写入任何数据；有问题的行不会导入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Columns not used: {names}</source>
        <translation>未使用的列：{names}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show only rows with &amp;problems</source>
        <translation>只显示有问题的行(&amp;P)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rows of the file</source>
        <translation>文件中的各行</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Import {count} good rows</source>
        <translation>导入 {count} 行无误数据(&amp;I)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{count} requests registered.</source>
        <translation>已登记 {count} 件申请。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} were registered meanwhile and left out.</source>
        <translation>其中 {count} 件在此期间已被登记，未重复导入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <location line="-128"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>OK</source>
        <translation>无误</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>有问题</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="+23"/>
        <source>Service</source>
        <translation>送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Investigation</source>
        <translation>调查取证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locate persons or property</source>
        <translation>查人找物</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal</source>
        <translation>查封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seize</source>
        <translation>扣押</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freeze</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public posting</source>
        <translation>张贴公告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>搜查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eviction</source>
        <translation>强制迁出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-inspection</source>
        <translation>复查</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Routed to squad</source>
        <translation>已分组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned</source>
        <translation>已指派</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Field officer</source>
        <translation>外勤干警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Squad lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registrar</source>
        <translation>登记员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisor</source>
        <translation>督查员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>, </source>
        <comment>between the names in a list</comment>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../fieldapp/ui/first_run_wizard.py" line="-144"/>
        <source>Welcome to Fieldapp</source>
        <translation>欢迎使用 Fieldapp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First, the language of the interface.</source>
        <translation>首先，请选择界面语言。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a language; it applies at once.</source>
        <translation>请选择语言，选择后立即生效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simplified Chinese</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You can change it later in Settings.</source>
        <translation>以后可在“设置”中更改。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../fieldapp/ui/lock_screen.py" line="+107"/>
        <source>Lock screen</source>
        <translation>锁定界面</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fieldapp is locked</source>
        <translation>Fieldapp 已锁定</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signed in as {name}. Enter your password to go on.</source>
        <translation>当前登录：{name}。请输入密码以继续。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unlock message</source>
        <translation>解锁提示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>That password is wrong. Try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The password could not be checked: {error}</source>
        <translation>无法验证密码：{error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="+62"/>
        <source>Fieldapp — Field Affairs Centre</source>
        <translation>Fieldapp — 外勤事务中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fieldapp main window</source>
        <translation>Fieldapp 主窗口</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Sections</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Squad queue</source>
        <translation>小组任务队列</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reload the groups and the list</source>
        <translation>重新读取分组和任务列表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search the list</source>
        <translation>在任务列表中搜索</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close Fieldapp</source>
        <translation>关闭 Fieldapp</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Menu bar</source>
        <translation>菜单栏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Status bar</source>
        <translation>状态栏</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number of tasks shown</source>
        <translation>显示的任务数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number of overdue tasks shown</source>
        <translation>显示的逾期任务数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading</source>
        <translation>正在加载</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{total} tasks</source>
        <translation>共 {total} 件任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{shown} of {total} tasks shown</source>
        <translation>显示 {shown} 件，共 {total} 件任务</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} overdue</source>
        <translation>逾期 {count} 件</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>&amp;Notices</source>
        <translation>文书(&amp;N)</translation>
    </message>
</context>
<context>
    <name>MapSection</name>
    <message>
        <location filename="../../fieldapp/ui/map_section.py" line="+49"/>
        <location line="+393"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location line="-384"/>
        <source>Map of the regions and tasks</source>
        <translation>区域与任务地图</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+301"/>
        <source>Today&apos;s route</source>
        <translation>今日路线</translation>
    </message>
    <message>
        <location line="-298"/>
        <source>Tasks with no location</source>
        <translation>无位置的任务</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Boundaries are schematic, for orientation only.</source>
        <translation>区域边界为示意，仅供参考。</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>{number}. {regno} · {party} — {km} km</source>
        <translation>{number}. {regno} · {party} — {km} 公里</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>– {regno} · {party} (no location)</source>
        <translation>– {regno} · {party}（无位置）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No stops today.</source>
        <translation>今日无待办地点。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None of today&apos;s stops has a location, so there is no route.</source>
        <translation>今日待办地点均无位置，无法规划路线。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} stops, {km} km from {start}.</source>
        <translation>共 {count} 个地点，从{start}出发，全程 {km} 公里。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} without a location are not on it.</source>
        <translation>另有 {count} 件无位置，未列入路线。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(coordinates far outside the map)</source>
        <translation>（坐标远在地图范围之外）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No location: {count}</source>
        <translation>无位置：{count} 件</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop {number} of today&apos;s route</source>
        <translation>今日路线第 {number} 站</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+85"/>
        <source>Outside every region</source>
        <translation>不在任何区域内</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>your latest visit today</source>
        <translation>今日最近一次走访地点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>your squad&apos;s base</source>
        <translation>本组驻地</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the middle of the stops</source>
        <translation>各地点的中心</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Tasks shown on the map</source>
        <translation>地图上显示的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open tasks</source>
        <translation>未办结任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My tasks</source>
        <translation>我的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All tasks</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+20"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Overdue (red ring)</source>
        <translation>已逾期（红圈）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Today&apos;s route, stops numbered in order</source>
        <translation>今日路线，按顺序编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the route starts</source>
        <translation>路线起点</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom in (Ctrl+=)</source>
        <translation>放大（Ctrl+=）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom out (Ctrl+-)</source>
        <translation>缩小（Ctrl+-）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fit</source>
        <translation>全图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the whole map (Ctrl+0)</source>
        <translation>显示全图（Ctrl+0）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No location</source>
        <translation>无位置</translation>
    </message>
</context>
<context>
    <name>MyTasksSection</name>
    <message>
        <location filename="../../fieldapp/ui/my_tasks_section.py" line="+49"/>
        <location line="+274"/>
        <source>My tasks</source>
        <translation>我的任务</translation>
    </message>
    <message>
        <location line="-260"/>
        <source>My field tasks</source>
        <translation>我的外勤任务</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of tasks shown</source>
        <translation>显示的任务数</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Sign in as an officer to see your tasks.</source>
        <translation>请以外勤干警身份登录以查看您的任务。</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>{total} tasks</source>
        <translation>共 {total} 件任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{shown} of {total} tasks shown</source>
        <translation>显示 {shown} 件，共 {total} 件任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} overdue</source>
        <translation>逾期 {count} 件</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&amp;Today</source>
        <translation>今日(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Overdue</source>
        <translation>已逾期(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;ll</source>
        <translation>全部(&amp;L)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All my tasks</source>
        <translation>我的全部任务</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing is due today and no visit was recorded today.</source>
        <translation>今日没有到期的任务，也没有今日的走访记录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None of your tasks is overdue.</source>
        <translation>您没有逾期的任务。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No tasks are assigned to you.</source>
        <translation>尚未给您分派任务。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Task lists</source>
        <translation>任务列表</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Today: due today, or visited today (the court&apos;s calendar day). Overdue: open and past the due date. All: every task you are named on.</source>
        <translation>今日：今日到期或今日已走访的任务（按法院所在地日期）。已逾期：未办结且已过办理期限。全部：您作为主办或协办干警的所有任务。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search my tasks</source>
        <translation>搜索我的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search registration no., case number, party or address</source>
        <translation>搜索登记号、案号、当事人或地址</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>My task groups</source>
        <translation>我的任务分组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regions and matters, with their task counts and overdue tasks</source>
        <translation>区域与事项，及其任务数和逾期任务数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Selected group</source>
        <translation>当前分组</translation>
    </message>
</context>
<context>
    <name>NoticeActions</name>
    <message>
        <location filename="../../fieldapp/ui/notice_actions.py" line="+38"/>
        <source>&amp;Issue notice…</source>
        <translation>签发文书(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Issue in &amp;batch…</source>
        <translation>批量签发(&amp;B)…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select one task to issue a notice for.</source>
        <translation>请选择一件任务再签发文书。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select the tasks to issue notices for.</source>
        <translation>请选择要签发文书的任务。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Notice</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Which document:</source>
        <translation>选择文书：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Notices</source>
        <translation>文书</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../fieldapp/ui/notice_dialog.py" line="+70"/>
        <source>Notice: %1</source>
        <translation>文书：%1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Issue</source>
        <translation>签发(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;rint…</source>
        <translation>打印(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record ser&amp;vice…</source>
        <translation>记录送达(&amp;V)…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>One entry per line</source>
        <translation>每行一项</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>No document number left for this case: sync to lease more.</source>
        <translation>本案已无可用文书编号：请同步以领取更多编号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Will be issued as %1</source>
        <translation>签发编号将为 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required fields empty: %1</source>
        <translation>必填项为空：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not entered here: %1 come from the task&apos;s records (asset control, visits). Record them on the task first.</source>
        <translation>%1 不在此处填写，取自本任务的记录（财产控制、外勤走访）：请先在任务中登记。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The notice font cannot print: %1 (shown as 〓)</source>
        <translation>文书字体无法打印：%1（显示为〓）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Issued as %1</source>
        <translation>已签发，编号 %1</translation>
    </message>
</context>
<context>
    <name>NoticesTab</name>
    <message>
        <location filename="../../fieldapp/ui/assignment_page_lists.py" line="-104"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issued / served</source>
        <translation>制作 / 送达时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>受送达人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notices and their service</source>
        <translation>文书及送达</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Issue notice…</source>
        <translation>制作文书(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record &amp;service…</source>
        <translation>登记送达(&amp;S)…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>not served yet</source>
        <translation>尚未送达</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>service</source>
        <translation>送达</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No notice issued for this task yet.</source>
        <translation>本任务尚未制作文书。</translation>
    </message>
</context>
<context>
    <name>OfficerList</name>
    <message>
        <location filename="../../fieldapp/ui/officer_list.py" line="+136"/>
        <source>Officers of the squad</source>
        <translation>本组外勤干警</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each officer with their open tasks; drop selected tasks on an officer</source>
        <translation>每名干警及其在办任务数；把所选任务拖到干警上即可分派</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Officers — drop tasks here</source>
        <translation>外勤干警 — 把任务拖到这里</translation>
    </message>
</context>
<context>
    <name>OfficerListModel</name>
    <message>
        <location line="-74"/>
        <source> (lead)</source>
        <translation>（组长）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}{lead} — {count} open</source>
        <translation>{name}{lead} — 在办 {count} 件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} holds {count} open tasks. Drop tasks here to assign them.</source>
        <translation>{name} 在办 {count} 件任务。把任务拖到这里即分派给其承办。</translation>
    </message>
</context>
<context>
    <name>OfflineNotice</name>
    <message>
        <location filename="../../fieldapp/ui/first_run_notice.py" line="+46"/>
        <source>The central store at {url} cannot be reached from this laptop.</source>
        <translation>本机无法连接位于 {url} 的中心服务器。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What this means: the first sign-in on a laptop needs the court network once. After that, Fieldapp works offline and sends your work when the network is back.</source>
        <translation>这意味着：本机首次登录需要连接一次法院网络。此后 Fieldapp 可离线使用，网络恢复后自动上传您的工作。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What to check: the network cable, the Wi-Fi or the VPN to the court network, and the address (the court&apos;s IT staff give it to you).</source>
        <translation>请检查：网线、Wi-Fi 或连接法院网络的 VPN，以及服务器地址（由法院信息技术人员提供）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing is lost: what you entered stays here. Check again once connected.</source>
        <translation>不会丢失任何内容：您已输入的信息仍保留在此。联网后请再次检查。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Offline notice</source>
        <translation>离线提示</translation>
    </message>
</context>
<context>
    <name>OverdueBadgeDelegate</name>
    <message>
        <location filename="../../fieldapp/ui/overdue_badge_delegate.py" line="+20"/>
        <source>overdue {count}</source>
        <translation>逾期 {count}</translation>
    </message>
</context>
<context>
    <name>OverdueModel</name>
    <message>
        <location filename="../../fieldapp/ui/overdue_model.py" line="+30"/>
        <source>Days overdue</source>
        <translation>超期天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registration no.</source>
        <translation>登记号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Squad</source>
        <translation>外勤小组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officer</source>
        <translation>外勤干警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due on</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(not assigned)</source>
        <translation>（未分配）</translation>
    </message>
</context>
<context>
    <name>OverdueSection</name>
    <message>
        <location filename="../../fieldapp/ui/overdue_section.py" line="+46"/>
        <source>Overdue tasks</source>
        <translation>超期外勤任务</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Open task</source>
        <translation>打开任务(&amp;O)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 overdue · level 2: %2 · level 3: %3 · level 4: %4</source>
        <translation>超期 %1 件 · 二级 %2 · 三级 %3 · 四级 %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No task is overdue.</source>
        <translation>没有超期任务。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The overdue list could not be loaded: %1</source>
        <translation>超期列表无法加载：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Overdue</source>
        <translation>超期任务</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../fieldapp/ui/assignment_page_overview.py" line="+35"/>
        <source>Clock pauses</source>
        <translation>期限暂停</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Registration no.</source>
        <translation>登记号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due on</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Judge in charge</source>
        <translation>承办法官</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position</source>
        <translation>坐标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field squad</source>
        <translation>外勤小组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officers</source>
        <translation>执行人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officers the matter needs</source>
        <translation>该事项所需人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requested by</source>
        <translation>委托人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>收案时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for return</source>
        <translation>退回原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>clock paused since %1 (%2 day(s) so far); %3 without the pauses</source>
        <translation>自 %1 起暂停计时（已 %2 天）；不计暂停为 %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>paused %1 day(s); %2 without the pauses</source>
        <translation>已暂停 %1 天；不计暂停为 %2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>not assigned</source>
        <translation>未分配</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message numerus="yes">
        <location filename="../../fieldapp/ui/notice_pages.py" line="+107"/>
        <source>Page %n</source>
        <translation>
            <numerusform>第 %n 页</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../fieldapp/ui/queue_view.py" line="+250"/>
        <source>Task groups</source>
        <translation>任务分组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Squads, regions and matters, with their task counts and overdue tasks</source>
        <translation>按小组、区域和事项分组，显示任务数和逾期任务数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Selected group</source>
        <translation>当前分组</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Search tasks</source>
        <translation>搜索任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search registration no., case number, party or address (Ctrl+F)</source>
        <translation>搜索登记号、案号、当事人或地址（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Field tasks</source>
        <translation>外勤任务</translation>
    </message>
</context>
<context>
    <name>RecordLabels</name>
    <message>
        <location filename="../../fieldapp/ui/assignment_page_labels.py" line="+27"/>
        <source>Met the party</source>
        <translation>见到当事人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not at home</source>
        <translation>无人在家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moved away</source>
        <translation>已搬离</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address invalid</source>
        <translation>地址无效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photo EXIF GPS</source>
        <translation>照片 EXIF 定位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the address (gazetteer)</source>
        <translation>按地址（行政区划）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entered by hand</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Real estate</source>
        <translation>不动产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Movable property</source>
        <translation>动产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank deposit</source>
        <translation>银行存款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equity</source>
        <translation>股权</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other property right</source>
        <translation>其他财产权</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal</source>
        <translation>查封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seize</source>
        <translation>扣押</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freeze</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Renew</source>
        <translation>续行查封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release</source>
        <translation>解除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio</source>
        <translation>录音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>笔录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In person</source>
        <translation>直接送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left with a witness</source>
        <translation>留置送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posted</source>
        <translation>张贴公告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By mail</source>
        <translation>邮寄送达</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seizure, search and eviction need at least two officers.</source>
        <translation>查封、扣押、搜查和强制迁出须有两名以上执行人员。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A search needs a recorded search warrant: enter its number.</source>
        <translation>搜查须有搜查令：请填写搜查令编号。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A refused service needs a witness or a photo/video of the refusal.</source>
        <translation>拒绝签收的送达须有见证人或拍照、录像记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The list of sealed or seized property needs the persons present.</source>
        <translation>查封、扣押财产清单须有在场人签名：请填写在场人。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: remove the invisible control characters.</source>
        <translation>%1：请删除不可见的控制字符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is too long.</source>
        <translation>%1过长。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: too many names (at most 30).</source>
        <translation>%1：人数过多（最多 30 人）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is required.</source>
        <translation>请填写%1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give %1 or another identifier marked †.</source>
        <translation>请填写%1或其他标有 † 的识别信息。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is in the future.</source>
        <translation>%1晚于当前时间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has no time zone.</source>
        <translation>%1缺少时区。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 comes before the start.</source>
        <translation>%1早于开始时间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: a visit lasting more than a day is a typo.</source>
        <translation>%1：走访超过一天，应为填写错误。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: give both latitude and longitude, or neither.</source>
        <translation>%1：纬度和经度须同时填写或同时留空。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: latitude is -90 to 90 and longitude -180 to 180.</source>
        <translation>%1：纬度应在 -90 至 90 之间，经度应在 -180 至 180 之间。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: say where the position came from.</source>
        <translation>%1：请注明位置来源。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the accuracy is 0 to 100,000 metres.</source>
        <translation>%1：精度应在 0 至 100,000 米之间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not written correctly.</source>
        <translation>%1格式不正确。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is more than three years ago.</source>
        <translation>%1早于三年前。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 does not fit this kind of asset.</source>
        <translation>%1与该类财产不符。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 holds keys of another kind of asset.</source>
        <translation>%1含有其他类财产的字段。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Arrival</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Departure</source>
        <translation>离开时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Witnesses</source>
        <translation>见证人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Persons present</source>
        <translation>在场人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officers</source>
        <translation>执行人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search warrant no.</source>
        <translation>搜查令编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ruling no.</source>
        <translation>裁定书文号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset description</source>
        <translation>财产描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective on</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assisting body</source>
        <translation>协助执行单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custodian</source>
        <translation>保管人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal numbers</source>
        <translation>封条编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifiers</source>
        <translation>识别信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Property certificate no.</source>
        <translation>不动产权证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plate no.</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vehicle identification no. (VIN)</source>
        <translation>车辆识别代号（VIN）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engine no.</source>
        <translation>发动机号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item no. / model</source>
        <translation>编号/型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account no.</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank and branch</source>
        <translation>开户行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freeze limit (yuan)</source>
        <translation>冻结限额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equity registration authority</source>
        <translation>股权登记机关</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share (amount or percentage)</source>
        <translation>股权数额/比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate no.</source>
        <translation>权利凭证号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The period is longer than the law allows for this asset.</source>
        <translation>期限超过了法律对该类财产规定的最长期限。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The earlier period has ended: the asset is no longer under control and needs a new measure, not a renewal.</source>
        <translation>原期限已届满：该财产已脱离控制，须重新采取措施，不能续行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The period is a whole number of months, at least 1.</source>
        <translation>期限须为整月数，至少 1 个月。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A renewal or a release follows an earlier measure: choose it.</source>
        <translation>续行查封或解除须针对原有措施：请选择原措施。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The chosen measure was renewed or released already.</source>
        <translation>所选措施已续行或已解除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The chosen measure was released already.</source>
        <translation>所选措施已解除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The proof must be photos or videos of this task.</source>
        <translation>证明材料须为本任务的照片或视频。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Legal basis: %1</source>
        <translation>法律依据：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 day(s) overdue</source>
        <translation>已逾期 %1 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 day(s) left</source>
        <translation>剩余 %1 天</translation>
    </message>
</context>
<context>
    <name>RecordRights</name>
    <message>
        <location filename="../../fieldapp/ui/record_rights_labels.py" line="+20"/>
        <source>Sign in to record this.</source>
        <translation>请先登录再记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Supervisors read; they do not record. The central store would reject the change.</source>
        <translation>督查员只可查阅，不能记录；中心库会拒绝此更改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only an admin may add this. The central store would reject the change.</source>
        <translation>仅管理员可以添加此项；中心库会拒绝此更改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a registrar registers this. The central store would reject the change.</source>
        <translation>仅登记员可以登记此项；中心库会拒绝此更改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only the central store raises these records.</source>
        <translation>此类记录仅由中心库生成。</translation>
    </message>
</context>
<context>
    <name>RegisterSection</name>
    <message>
        <location filename="../../fieldapp/ui/register_problems.py" line="+27"/>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too long.</source>
        <translation>过长。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No district or county we serve is named in the address (e.g. 南明区, 清镇市).</source>
        <translation>地址中没有本院辖区内的区县名称（例如 南明区、清镇市）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the year in brackets is missing or not four digits</source>
        <translation>括号内缺少年份或年份不是四位数字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the court code after the year is wrong (e.g. 黔01)</source>
        <translation>年份后的法院代字有误（例如 黔01）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the case type (such as 执) is missing before the serial number</source>
        <translation>序号前缺少案件类型代字（如 执）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the serial number is missing</source>
        <translation>缺少案件序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only a suffix like 之一 may follow the serial number</source>
        <translation>序号后只能跟“之一”这样的后缀</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not a case number like （2026）黔01执1234号</source>
        <translation>案号格式应如 （2026）黔01执1234号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{problem}: {detail}</source>
        <translation>{problem}：{detail}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not a valid resident ID number or unified social credit code.</source>
        <translation>不是有效的居民身份证号码或统一社会信用代码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a matter from the list.</source>
        <translation>请从列表中选择事项。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not a date like 2026-12-01.</source>
        <translation>日期格式应如 2026-12-01。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Normal or urgent.</source>
        <translation>请选择普通或紧急。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{count} cells more than the header has columns.</source>
        <translation>比表头列数多出 {count} 个单元格。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The same request as line {line}.</source>
        <translation>与第 {line} 行是同一请求。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Already registered as {number}.</source>
        <translation>已登记，登记号 {number}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_section.py" line="+114"/>
        <location line="+36"/>
        <source>Correct the fields marked in red first.</source>
        <translation>请先更正标红的字段。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This request is already registered as {number}.</source>
        <translation>该申请已登记，登记号 {number}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Registered {number}; routed to {squad}.</source>
        <translation>已登记 {number}，分派至{squad}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Registered {number}; no routing rule matches, route it by hand.</source>
        <translation>已登记 {number}；没有匹配的分派规则，请人工分派。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing was registered: {reason}</source>
        <translation>未登记任何请求：{reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>✓ {number}</source>
        <translation>✓ {number}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Region: {name} ({code})</source>
        <translation>区域：{name}（{code}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Region: not found yet</source>
        <translation>区域：尚未识别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Goes to: {squad} ({code})</source>
        <translation>分派至：{squad}（{code}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No routing rule matches: it stays with the centre to route.</source>
        <translation>没有匹配的分派规则：由外勤事务中心人工分派。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Goes to: — (needs the matter and the address)</source>
        <translation>分派至：—（需要事项和地址）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import requests</source>
        <translation>导入外勤申请</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Checking {file}…</source>
        <translation>正在检查 {file}…</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+8"/>
        <source>The file cannot be imported: {reason}</source>
        <translation>该文件无法导入：{reason}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{count} requests registered from {file}.</source>
        <translation>已从 {file} 登记 {count} 件申请。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing was imported: {reason}</source>
        <translation>未导入任何数据：{reason}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Case number:</source>
        <translation>案号(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_problems.py" line="-81"/>
        <location filename="../../fieldapp/ui/register_section.py" line="+2"/>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../fieldapp/ui/register_section.py" line="+9"/>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_section.py" line="+1"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Matter:</source>
        <translation>事项(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Party:</source>
        <translation>当事人(&amp;P)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>person or organisation</source>
        <translation>自然人或单位</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_problems.py" line="+1"/>
        <location filename="../../fieldapp/ui/register_section.py" line="+0"/>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_section.py" line="+3"/>
        <source>&amp;ID number:</source>
        <translation>证件号码(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resident ID or credit code (optional)</source>
        <translation>身份证号或统一社会信用代码（选填）</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_problems.py" line="+1"/>
        <location filename="../../fieldapp/ui/register_section.py" line="+1"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_section.py" line="+4"/>
        <source>A&amp;ddress:</source>
        <translation>地址(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_problems.py" line="+1"/>
        <location filename="../../fieldapp/ui/register_section.py" line="+2"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_section.py" line="+5"/>
        <source>&amp;Judge:</source>
        <translation>承办法官(&amp;J)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>judge in charge</source>
        <translation>承办法官</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_problems.py" line="+1"/>
        <location filename="../../fieldapp/ui/register_section.py" line="+0"/>
        <source>Judge</source>
        <translation>承办法官</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_section.py" line="+1"/>
        <source>D&amp;ue date:</source>
        <translation>期限(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_problems.py" line="+1"/>
        <location filename="../../fieldapp/ui/register_section.py" line="+0"/>
        <source>Due date</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../fieldapp/ui/register_section.py" line="+3"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_section.py" line="+4"/>
        <source>P&amp;riority:</source>
        <translation>优先级(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_problems.py" line="+1"/>
        <location filename="../../fieldapp/ui/register_section.py" line="+3"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/register_section.py" line="+3"/>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Routing preview</source>
        <translation>分派预览</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Squad the request goes to</source>
        <translation>申请将分派至的外勤小组</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Register (Ctrl+Enter)</source>
        <translation>登记(&amp;R)（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>C&amp;lear</source>
        <translation>清空(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import CSV…</source>
        <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Import CSV… (Ctrl+I)</source>
        <translation>导入 CSV(&amp;I)…（Ctrl+I）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Register a field request</source>
        <translation>登记外勤申请</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Register</source>
        <translation>登记</translation>
    </message>
</context>
<context>
    <name>RenewalDocumentsDialog</name>
    <message>
        <location filename="../../fieldapp/ui/asset_watch_renewal.py" line="+42"/>
        <source>Renewal drafted</source>
        <translation>续封文书已出具</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Renewed until %1. Issued: %2 and %3.</source>
        <translation>已续行至 %1。已出具：%2 和 %3。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Renewal documents</source>
        <translation>续封文书</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>P&amp;rint…</source>
        <translation>打印(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <location filename="../../fieldapp/ui/service_dialog.py" line="+49"/>
        <source>Service of %1</source>
        <translation>%1 的送达</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Method of service</source>
        <translation>送达方式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Served at</source>
        <translation>送达时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Photos and videos of the service</source>
        <translation>送达照片和录像</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Method:</source>
        <translation>送达方式(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Served &amp;at:</source>
        <translation>送达时间(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recipient:</source>
        <translation>受送达人(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;lation to the party:</source>
        <translation>与当事人关系(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Place:</source>
        <translation>送达地点(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for &amp;refusal:</source>
        <translation>拒收理由(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Witness:</source>
        <translation>见证人(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photo/video &amp;proof:</source>
        <translation>照片/录像证明(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recipient</source>
        <translation>受送达人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for refusal</source>
        <translation>拒收理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Witness</source>
        <translation>见证人</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>In person</source>
        <translation>直接送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left with a witness (refused)</source>
        <translation>留置送达（拒收）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posted at the address</source>
        <translation>张贴送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By mail</source>
        <translation>邮寄送达</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../fieldapp/ui/sign_in_session.py" line="+86"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send unsent changes and fetch the news now</source>
        <translation>立即上传待上传的更改并获取最新数据</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hide the data until the password is entered</source>
        <translation>隐藏数据，输入密码后恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign &amp;out…</source>
        <translation>退出登录(&amp;O)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Forget this laptop&apos;s sign-in; unsent changes stay</source>
        <translation>清除本机登录凭据；待上传的更改保留</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language, idle lock, sync interval, server</source>
        <translation>语言、闲置锁定、同步间隔、服务器</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Sign out of Fieldapp? The next sign-in needs the central store.</source>
        <translation>确定退出 Fieldapp 登录？下次登录需要连接中心服务器。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} unsent change(s) stay on this laptop and are sent after the next sign-in.</source>
        <translation>本机有 {count} 项待上传的更改将保留，下次登录后上传。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="+30"/>
        <location line="+1"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A new language applies at the next start.</source>
        <translation>新的语言将在下次启动时生效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lock after idle minutes</source>
        <translation>闲置多少分钟后锁定</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Sync interval in minutes</source>
        <translation>同步间隔（分钟）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Central store address</source>
        <translation>中心服务器地址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Used by the next online sign-in.</source>
        <translation>下次联网登录时使用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settings message</source>
        <translation>设置提示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock after &amp;idle:</source>
        <translation>闲置锁定(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ync every:</source>
        <translation>同步间隔(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Central &amp;store:</source>
        <translation>中心服务器(&amp;S)：</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The address of the central store must look like https://host:port.</source>
        <translation>中心服务器地址格式应为 https://主机:端口。</translation>
    </message>
</context>
<context>
    <name>SignInAttempt</name>
    <message>
        <location filename="../../fieldapp/ui/sign_in_attempt.py" line="+69"/>
        <source>Enter the address of the central store.</source>
        <translation>请输入中心服务器地址。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address of the central store must look like https://host:port.</source>
        <translation>中心服务器地址格式应为 https://主机:端口。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This user name is not valid.</source>
        <translation>用户名无效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This password is not valid.</source>
        <translation>密码无效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+30"/>
        <source>The user name or the password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Another user has unsent changes on this laptop. They must sign in and sync first. ({detail})</source>
        <translation>本机有其他用户待上传的更改，须由该用户先登录并同步。（{detail}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This laptop&apos;s Fieldapp is too old for the central store: ask the court&apos;s IT staff for the new version.</source>
        <translation>本机的 Fieldapp 版本过旧，中心服务器无法接受：请向法院信息技术人员索取新版本。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The central store answered with an error ({status}): it may be starting or out of order. Try again in a few minutes.</source>
        <translation>中心服务器返回错误（{status}）：可能正在启动或出现故障。请几分钟后再试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The central store cannot be reached. Check the address and the network; the first sign-in on a laptop needs them.</source>
        <translation>无法连接中心服务器。请检查地址和网络；本机首次登录需要联网。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signing in failed: {error}</source>
        <translation>登录失败：{error}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Too many failed sign-ins: wait a moment, then try again.</source>
        <translation>登录失败次数过多，请稍后再试。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This account is disabled: ask the court&apos;s IT staff.</source>
        <translation>该账户已停用：请联系法院信息技术人员。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This laptop is enrolled for another user: an administrator must release it first.</source>
        <translation>本机已登记给其他用户：须先由管理员解除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This laptop was withdrawn from Fieldapp: ask an administrator.</source>
        <translation>本机已被停止使用 Fieldapp：请联系管理员。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This laptop&apos;s signing key changed since its last sign-in: ask an administrator before going on.</source>
        <translation>本机的签名密钥自上次登录后已改变：请先联系管理员再继续。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The central store refused: {message}</source>
        <translation>中心服务器拒绝：{message}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../fieldapp/ui/sign_in_dialog.py" line="+41"/>
        <source>Sign in to Fieldapp</source>
        <translation>登录 Fieldapp</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+55"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>This laptop is enrolled with the central store. Sign in with your password; no network is needed.</source>
        <translation>本机已在中心服务器登记。输入密码即可登录，无需联网。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign in once online with the central store; afterwards the same password also works without a network.</source>
        <translation>首次须联网登录中心服务器；之后无网络时也可使用同一密码登录。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Central store address</source>
        <translation>中心服务器地址</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in message</source>
        <translation>登录提示</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Central &amp;store:</source>
        <translation>中心服务器(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../fieldapp/ui/first_run_sign_in_page.py" line="+89"/>
        <location line="+55"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Central store: {url}</source>
        <translation>中心服务器：{url}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With the user name and password of your court account.</source>
        <translation>请使用您的法院账户用户名和密码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This first sign-in is online. Afterwards the same password also works without a network.</source>
        <translation>首次登录须联网。之后无网络时也可使用同一密码登录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in message</source>
        <translation>登录提示</translation>
    </message>
</context>
<context>
    <name>SquadFilter</name>
    <message>
        <location filename="../../fieldapp/ui/assign_actions.py" line="+17"/>
        <source>Squad</source>
        <translation>外勤小组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All squads</source>
        <translation>全部外勤小组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A supervisor reads every squad and changes nothing</source>
        <translation>督查员可查看所有外勤小组，但不能修改</translation>
    </message>
</context>
<context>
    <name>StorePage</name>
    <message>
        <location filename="../../fieldapp/ui/first_run_store_page.py" line="+109"/>
        <source>Warning: this address is not encrypted (http). It is allowed only for a central store on this same laptop, e.g. for training.</source>
        <translation>警告：此地址未加密（http），仅允许用于本机上的中心服务器，例如培训使用。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enter the address of the central store; the court&apos;s IT staff give it to you.</source>
        <translation>请输入中心服务器地址，该地址由法院信息技术人员提供。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This address is too long: a central store&apos;s address has at most 512 characters.</source>
        <translation>地址过长：中心服务器地址最多 512 个字符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An address has no spaces: remove them.</source>
        <translation>地址中不能有空格，请删除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address must start with https:// — for example https://{text}</source>
        <translation>地址须以 https:// 开头，例如 https://{text}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The address must start with https:// (other kinds of address do not work).</source>
        <translation>地址须以 https:// 开头（其他类型的地址无法使用）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address has no server name after https://.</source>
        <translation>https:// 之后缺少服务器名称。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server name in this address is not valid.</source>
        <translation>地址中的服务器名称无效。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The port (the number after the colon) must be from 1 to 65535.</source>
        <translation>端口（冒号后的数字）须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The address must not contain a user name or password; they are asked for on the next page.</source>
        <translation>地址中不能包含用户名或密码；它们将在下一页填写。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The address of the central store has no ? or # part: enter it without them.</source>
        <translation>中心服务器地址不含 ? 或 # 部分，请去掉后再输入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the address of the central store itself, without /api/…</source>
        <translation>请输入中心服务器本身的地址，不要包含 /api/…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The address must start with https://: plain http would send your password unencrypted. It is allowed only for a central store on this same laptop.</source>
        <translation>地址须以 https:// 开头：使用 http 会以明文发送您的密码。http 仅允许用于本机上的中心服务器。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not a web address. It looks like https://fieldapp.court.example:8470.</source>
        <translation>这不是网址。正确格式如 https://fieldapp.court.example:8470。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+80"/>
        <source>Asking {url}…</source>
        <translation>正在连接 {url}…</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Found the central store, version {version}.</source>
        <translation>已找到中心服务器，版本 {version}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server answered, but this laptop does not trust its certificate. Ask the court&apos;s IT staff to install the court&apos;s certificate on this laptop.</source>
        <translation>服务器有应答，但本机不信任其证书。请法院信息技术人员在本机安装法院的证书。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Something answers at this address, but it is not a Fieldapp central store. Check the address with the court&apos;s IT staff.</source>
        <translation>此地址有应答，但不是 Fieldapp 中心服务器。请向法院信息技术人员核对地址。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The central store answered with an error: it may be starting or out of order. Try again in a few minutes.</source>
        <translation>中心服务器返回错误：可能正在启动或出现故障。请几分钟后再试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The central store needs a newer Fieldapp on this laptop: ask the court&apos;s IT staff for it.</source>
        <translation>中心服务器要求本机使用更新版本的 Fieldapp：请向法院信息技术人员索取。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The central store</source>
        <translation>中心服务器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The court&apos;s server that this laptop sends its work to and receives tasks from.</source>
        <translation>法院的服务器：本机向其上传工作并从其接收任务。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the address the court&apos;s IT staff gave you, then Check whether this laptop reaches it.</source>
        <translation>请输入法院信息技术人员提供的地址，然后点击“检查”确认本机能否连接。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Central store address</source>
        <translation>中心服务器地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the central store</source>
        <translation>检查中心服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the central store whether it is there (Alt+C)</source>
        <translation>检查中心服务器是否可以连接（Alt+C）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address message</source>
        <translation>地址提示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check result</source>
        <translation>检查结果</translation>
    </message>
</context>
<context>
    <name>SyncSection</name>
    <message>
        <location filename="../../fieldapp/ui/sync_section.py" line="+35"/>
        <location line="+279"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="-271"/>
        <source>&lt;b&gt;Recent syncs&lt;/b&gt;</source>
        <translation>&lt;b&gt;最近的同步&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recent syncs</source>
        <translation>最近的同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Rejected changes&lt;/b&gt;</source>
        <translation>&lt;b&gt;被拒绝的更改&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The central store did not take these changes. Send one again once the reason is dealt with, or give it up: the record then goes back to the central store&apos;s version.</source>
        <translation>中心服务器未接受以下更改。原因消除后可重新发送；也可放弃更改，记录将恢复为中心服务器的版本。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rejected changes</source>
        <translation>被拒绝的更改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>更改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Made at</source>
        <translation>更改时间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No rejected changes.</source>
        <translation>没有被拒绝的更改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send &amp;again</source>
        <translation>重新发送(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send the selected change again</source>
        <translation>重新发送所选更改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Give up…</source>
        <translation>放弃更改(&amp;G)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give up the selected change</source>
        <translation>放弃所选更改</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync section message</source>
        <translation>同步页提示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give up</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Field task</source>
        <translation>外勤任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit</source>
        <translation>外勤走访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset control</source>
        <translation>财产控制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notice</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service of documents</source>
        <translation>送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync conflict</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalation</source>
        <translation>督办</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>new record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed: {fields}</source>
        <translation>修改：{fields}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Done</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sent {pushed} (rejected {rejected}, conflicts {conflicts}), received {pulled}, files sent {up}, files received {down}</source>
        <translation>上传 {pushed} 项（被拒绝 {rejected}，冲突 {conflicts}），下载 {pulled} 项，上传文件 {up} 个，下载文件 {down} 个</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The central store cannot be reached. ({error})</source>
        <translation>无法连接中心服务器。（{error}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The central store refused the sign-in: sign in again.</source>
        <translation>中心服务器拒绝了登录凭据，请重新登录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The central store refused: {error}</source>
        <translation>中心服务器拒绝：{error}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Queueing the change again…</source>
        <translation>正在重新排队…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The change is queued again; it goes out with the next sync.</source>
        <translation>更改已重新排队，将随下次同步上传。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Give up the change</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give up this change of {record}? It is not sent, and the record goes back to the central store&apos;s version. This cannot be undone.</source>
        <translation>确定放弃对 {record} 的更改？该更改不再上传，记录恢复为中心服务器的版本。此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Fetching the central store&apos;s version…</source>
        <translation>正在获取中心服务器的版本…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Given up: the record is as the central store has it.</source>
        <translation>已放弃：记录已恢复为中心服务器的版本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Given up: the central store does not have this record; removed.</source>
        <translation>已放弃：中心服务器没有这条记录，已从本机删除。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not done: {reason}</source>
        <translation>未完成：{reason}</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../../fieldapp/ui/sync_status.py" line="+24"/>
        <source>Sync status</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsent changes</source>
        <translation>待上传的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected changes</source>
        <translation>被拒绝的更改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last successful sync</source>
        <translation>上次成功同步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync progress</source>
        <translation>同步进度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the sync is doing</source>
        <translation>同步进行情况</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Signed out: sign in to sync</source>
        <translation>已退出登录：请登录后同步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>● Offline</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unsent changes: {count}</source>
        <translation>待上传的更改：{count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rejected: {count}</source>
        <translation>被拒绝：{count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last sync: {when}</source>
        <translation>上次同步：{when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sending files: {done} of {total}</source>
        <translation>正在上传文件：{done} / {total}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receiving files: {done} of {total}</source>
        <translation>正在下载文件：{done} / {total}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sending changes: {done}</source>
        <translation>正在上传更改：{done}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receiving records: {done}</source>
        <translation>正在下载记录：{done}</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../fieldapp/ui/visit_dialog.py" line="+78"/>
        <source>Record a visit — %1</source>
        <translation>登记走访 — %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Arrived at</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left at</source>
        <translation>离开时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Left</source>
        <translation>已离开(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Departure recorded</source>
        <translation>已记录离开时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Officers on the visit</source>
        <translation>参加走访的执行人员</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Persons present</source>
        <translation>在场人</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>One a line, or separated by 、</source>
        <translation>每行一人，或用“、”分隔</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Witnesses</source>
        <translation>见证人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search warrant no.</source>
        <translation>搜查令编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos and videos proving the visit</source>
        <translation>证明走访情况的照片和视频</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Where the location came from</source>
        <translation>位置来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From a p&amp;hoto…</source>
        <translation>取自照片(&amp;H)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cl&amp;ear</source>
        <translation>清空(&amp;E)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>&amp;Search warrant no.:</source>
        <translation>搜查令编号(&amp;S)：</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>From the a&amp;ddress</source>
        <translation>取自地址(&amp;D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What stops the visit from being recorded</source>
        <translation>无法保存走访的原因</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Arrived — left:</source>
        <translation>到达 — 离开(&amp;A)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Outcome:</source>
        <translation>走访结果(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>O&amp;fficers:</source>
        <translation>执行人员(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Persons present:</source>
        <translation>在场人(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Witnesses:</source>
        <translation>见证人(&amp;W)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Photo/video p&amp;roof:</source>
        <translation>照片/视频证明(&amp;R)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lo&amp;cation:</source>
        <translation>位置(&amp;C)：</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Photo with the position</source>
        <translation>带定位的照片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos (*.jpg *.jpeg *.png *.tif *.tiff *.heic *.webp);;All files (*)</source>
        <translation>照片 (*.jpg *.jpeg *.png *.tif *.tiff *.heic *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Looking up…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is not a photo.</source>
        <translation>该文件不是照片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The photo holds no GPS position.</source>
        <translation>该照片没有 GPS 定位信息。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No region of this court is named in the address.</source>
        <translation>地址中未包含本院辖区的区县。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
</context>
<context>
    <name>VisitsTab</name>
    <message>
        <location filename="../../fieldapp/ui/assignment_page_lists.py" line="-193"/>
        <source>Arrived</source>
        <translation>到达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left</source>
        <translation>离开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officers</source>
        <translation>执行人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Persons present</source>
        <translation>在场人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Witnesses</source>
        <translation>见证人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Visits</source>
        <translation>外勤走访</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Record visit…</source>
        <translation>登记走访(&amp;R)…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Record a visit (Ctrl+Shift+V)</source>
        <translation>登记走访（Ctrl+Shift+V）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No visit recorded for this task yet.</source>
        <translation>本任务尚无走访记录。</translation>
    </message>
</context>
</TS>
