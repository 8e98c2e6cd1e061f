<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssignmentTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/assignment_table_model.py" line="+42"/>
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
        <location line="+176"/>
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
        <location line="+16"/>
        <source>&amp;Issue all</source>
        <translation>全部签发(&amp;I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+37"/>
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
        <location line="-67"/>
        <source>%n notice(s) to issue</source>
        <translation>
            <numerusform>待签发 %n 份文书</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+54"/>
        <source>%n notice(s) issued</source>
        <translation>
            <numerusform>已签发 %n 份文书</numerusform>
        </translation>
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
        <location line="+14"/>
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
        <location line="+32"/>
        <source>, </source>
        <comment>between the names in a list</comment>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="+55"/>
        <source>Fieldapp — Field Affairs Centre</source>
        <translation>Fieldapp — 外勤事务中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fieldapp main window</source>
        <translation>Fieldapp 主窗口</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Sections</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Squad queue</source>
        <translation>小组任务队列</translation>
    </message>
    <message>
        <location line="+34"/>
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
        <location line="+8"/>
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
        <location line="-29"/>
        <source>&amp;Notices</source>
        <translation>文书(&amp;N)</translation>
    </message>
</context>
<context>
    <name>NoticeActions</name>
    <message>
        <location filename="../../fieldapp/ui/notice_actions.py" line="+33"/>
        <source>&amp;Issue notice…</source>
        <translation>签发文书(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Issue in &amp;batch…</source>
        <translation>批量签发(&amp;B)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select one task to issue a notice for.</source>
        <translation>请选择一件任务再签发文书。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Select the tasks to issue notices for.</source>
        <translation>请选择要签发文书的任务。</translation>
    </message>
    <message>
        <location line="+19"/>
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
        <location filename="../../fieldapp/ui/notice_dialog.py" line="+71"/>
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
        <location line="+58"/>
        <source>No document number left for this case: sync to lease more.</source>
        <translation>本案已无可用文书编号：请同步以领取更多编号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Will be issued as %1</source>
        <translation>签发编号将为 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Required fields empty: %1</source>
        <translation>必填项为空：%1</translation>
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
    <message>
        <location line="+41"/>
        <source>Save notice as PDF</source>
        <translation>将文书另存为 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
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
        <location filename="../../fieldapp/ui/queue_view.py" line="+232"/>
        <source>Task groups</source>
        <translation>任务分组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Squads, regions and matters, with their task counts and overdue tasks</source>
        <translation>按小组、区域和事项分组，显示任务数和逾期任务数</translation>
    </message>
    <message>
        <location line="+17"/>
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
</TS>
