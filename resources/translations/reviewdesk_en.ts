<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>Application</name>
    <message>
        <location filename="../../app/ui/application.py" line="46"/>
        <source>ReviewDesk 出错了</source>
        <translation>ReviewDesk ran into a problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="47"/>
        <source>程序遇到了一个错误。已录入的内容都已保存。请把下面的详细信息复制给技术支持。</source>
        <translation>ReviewDesk hit an error. Everything you entered is saved. Please copy the details below to your support contact.</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <location filename="../../app/ui/jobs.py" line="74"/>
        <source>后台任务意外结束，已完成的部分已保存。</source>
        <translation>The background task ended unexpectedly; what was done is saved.</translation>
    </message>
</context>
<context>
    <name>CaseInfo</name>
    <message>
        <location filename="../../app/ui/case_info.py" line="20"/>
        <source>报送单位</source>
        <translation>Submitting unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="21"/>
        <source>候选类别</source>
        <translation>Candidate kind</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="22"/>
        <source>个人候选人</source>
        <translation>Individual candidate</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="23"/>
        <source>推选/抽选</source>
        <translation>Nominated/sampled</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="24"/>
        <source>案卷类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="25"/>
        <location filename="../../app/ui/case_info.py" line="32"/>
        <source>文号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="28"/>
        <source>目录名</source>
        <translation>folder name</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="29"/>
        <source>文件名</source>
        <translation>file name</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="30"/>
        <source>封面</source>
        <translation>cover page</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="31"/>
        <source>人工更正</source>
        <translation>corrected by hand</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="33"/>
        <source>卷内决定书</source>
        <translation>decision in the file</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="79"/>
        <source>文书</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="80"/>
        <source>案卷信息</source>
        <translation>Case file</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="96"/>
        <source>正在分析…文书识别后会显示在这里。</source>
        <translation>Analysing… the documents will appear here once they are found.</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="98"/>
        <source>等待分析…（正在分析其他案卷，本案卷排在前面）</source>
        <translation>Waiting for analysis… (another case file is being read; this one is next)</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="100"/>
        <source>尚未分析：导入后会在后台自动分析（文件 → 分析全部案卷）。</source>
        <translation>Not analysed yet: imported files are analysed in the background (File → Analyse all case files).</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="132"/>
        <source>请在左侧选择一份案卷。</source>
        <translation>Choose a case file on the left.</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="144"/>
        <source>未发现问题</source>
        <translation>No problems found</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="154"/>
        <source>笔录提示（仅供参考，由专家判断）</source>
        <translation>Transcript hints (for reference only; the expert decides)</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="156"/>
        <source>扫描件（无文字层）</source>
        <translation>scanned (no text layer)</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="156"/>
        <source>有文字层</source>
        <translation>has a text layer</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="157"/>
        <source>{pages} 页</source>
        <translation>{pages} pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="158"/>
        <source>识别依据：</source>
        <translation>Recognised by: </translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="170"/>
        <source>无证号</source>
        <translation>no badge number</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="177"/>
        <source>第 {page} 页</source>
        <translation>page {page}</translation>
    </message>
</context>
<context>
    <name>CaseQueue</name>
    <message>
        <location filename="../../app/ui/case_queue.py" line="108"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="108"/>
        <source>未完成</source>
        <translation>Not complete</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="108"/>
        <source>已完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="111"/>
        <source>筛选… (Ctrl+L)</source>
        <translation>Filter… (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="112"/>
        <source>筛选：单位、文号、类型、状态… (Ctrl+L)</source>
        <translation>Filter: unit, case number, type, status… (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="116"/>
        <source>还没有案卷。

按 Ctrl+O 导入光盘文件夹，
或把光盘、映像、压缩包
或 PDF 拖到窗口上。</source>
        <translation>No case files yet.

Press Ctrl+O to import a disc folder, or drop a disc, image, zip or PDF on the window.</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="149"/>
        <source>案卷队列（{count} 份）</source>
        <translation>Case files ({count})</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="151"/>
        <source>，显示 {shown} 份</source>
        <translation>, {shown} shown</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../app/ui/case_table.py" line="35"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="36"/>
        <source>文号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="32"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="37"/>
        <source>候选</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="28"/>
        <source>推/抽</source>
        <translation>Nom./samp.</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="38"/>
        <source>页数</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="50"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="53"/>
        <source>未评</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="54"/>
        <source>评审中</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="55"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="52"/>
        <source>报送材料检查</source>
        <translation>Submission check</translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="59"/>
        <source>活动期间</source>
        <translation>Campaign period</translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="67"/>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="71"/>
        <source>评选方案：</source>
        <translation>Scheme:</translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="83"/>
        <source>候选</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="83"/>
        <source>问题</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="83"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="83"/>
        <source>文件</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="103"/>
        <source>没有可用的评选方案。</source>
        <translation>No scheme is available.</translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="112"/>
        <source>{candidates} 个候选，{findings} 项问题。</source>
        <translation>{candidates} candidates, {findings} findings.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../app/ui/crash_dialog.py" line="27"/>
        <source>复制详细信息</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_dialog.py" line="38"/>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>EvidenceLink</name>
    <message>
        <location filename="../../app/ui/evidence.py" line="26"/>
        <source>引用当前页</source>
        <translation>Cite this page</translation>
    </message>
    <message>
        <location filename="../../app/ui/evidence.py" line="27"/>
        <source>把正在看的页（及查找到的文字）记为本项的依据</source>
        <translation>Record the page in view (and the text found on it) as this item&apos;s evidence</translation>
    </message>
    <message>
        <location filename="../../app/ui/evidence.py" line="31"/>
        <source>删除依据</source>
        <translation>Remove the evidence</translation>
    </message>
    <message>
        <location filename="../../app/ui/evidence.py" line="44"/>
        <source>尚无依据</source>
        <translation>No evidence yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/evidence.py" line="48"/>
        <source>第 {page} 页</source>
        <translation>page {page}</translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message>
        <location filename="../../app/ui/export_flow.py" line="21"/>
        <location filename="../../app/ui/export_flow.py" line="92"/>
        <source>导出评分包</source>
        <translation>Export score package</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="23"/>
        <source>评分包 (*.zip)</source>
        <translation>Score package (*.zip)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="34"/>
        <source>密钥口令</source>
        <translation>Key passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="35"/>
        <source>请输入签名密钥的口令：</source>
        <translation>Passphrase of your signing key:</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="49"/>
        <source>已导出评分包：</source>
        <translation>Score package exported: </translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="50"/>
        <source>案卷 {cases} 份，第 {sequence} 号评分包。</source>
        <translation>{cases} case file(s), package number {sequence}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="53"/>
        <source>密钥指纹：</source>
        <translation>Key fingerprint: </translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="54"/>
        <source>请打印包内的评分表（score-sheet.pdf）签字后，与评分包一并交监理站。</source>
        <translation>Print the score sheet in the package (score-sheet.pdf), sign it, and hand it to the station with the package.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="60"/>
        <source>注意：评分表字体中没有这些字，以 〓 代替（签名数据中保留原字）：</source>
        <translation>Note: the score sheet&apos;s font lacks these characters, printed as 〓 (the signed data keeps them): </translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="29"/>
        <source>欢迎使用案卷评审台</source>
        <translation>Welcome to ReviewDesk</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="32"/>
        <source>请填写评审专家信息。导出评分包时将用您的签名密钥签名，监理站据此核验评分确由您提交、未被改动。密钥口令用于保护签名密钥，请牢记，遗失后无法找回。</source>
        <translation>Please tell us who you are. Your score packages are signed with your key, so the station can check they come from you unchanged. The passphrase protects the key: keep it safe, it cannot be recovered.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/identity_dialog.py" line="42"/>
        <source>至少 %n 个字符</source>
        <translation>
            <numerusform>at least %n character</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="46"/>
        <source>姓名(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="47"/>
        <source>工作单位(&amp;U)：</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="48"/>
        <source>专家编号(&amp;E)：</source>
        <translation>&amp;Expert number:</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="49"/>
        <source>密钥口令(&amp;P)：</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="50"/>
        <source>再输入一次(&amp;A)：</source>
        <translation>&amp;Again:</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="51"/>
        <source>导入内置演示光盘，先练习一下(&amp;D)</source>
        <translation>Import the built-in &amp;demo disc to practise first</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="60"/>
        <source>生成密钥并开始</source>
        <translation>Make my key and start</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="61"/>
        <source>稍后</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="75"/>
        <source>两次输入的口令不一致。</source>
        <translation>The two passphrases differ.</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../app/ui/history_view.py" line="16"/>
        <source>无需评审</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="17"/>
        <source>文书缺失</source>
        <translation>Document missing</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="18"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="19"/>
        <source>依据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="20"/>
        <source>重大问题</source>
        <translation>Major problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="47"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="47"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="47"/>
        <source>原值</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="47"/>
        <source>新值</source>
        <translation>Now</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="61"/>
        <source>理由：</source>
        <translation>Reason: </translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="68"/>
        <source>专家：</source>
        <translation>Expert: </translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="77"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="94"/>
        <source>扣分：</source>
        <translation>Deduction: </translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="96"/>
        <source>重大问题：</source>
        <translation>Major problem: </translation>
    </message>
</context>
<context>
    <name>JobPanel</name>
    <message>
        <location filename="../../app/ui/job_panel.py" line="44"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="71"/>
        <source>正在准备…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="86"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="103"/>
        <source>导入</source>
        <translation>Importing</translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="104"/>
        <source>识别页面</source>
        <translation>Reading pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="105"/>
        <source>笔录全文</source>
        <translation>Transcripts</translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="106"/>
        <source>其余全文</source>
        <translation>Full text</translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="107"/>
        <source>正在生成演示光盘…</source>
        <translation>Generating the demo disc…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="158"/>
        <source>案卷评审台 ReviewDesk</source>
        <translation>ReviewDesk</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="159"/>
        <source>按案卷类型选定评查表；改选后本案卷按所选评查表评分</source>
        <translation>The sheet is picked by the case type; choose another to score this case on it</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="160"/>
        <source>评分</source>
        <translation>Scoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="160"/>
        <source>文书与信息</source>
        <translation>Documents and facts</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="160"/>
        <source>修改记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="334"/>
        <source>界面语言：{name}</source>
        <translation>Interface language: {name}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="238"/>
        <source>下一份未完成的案卷</source>
        <translation>Next unfinished case file</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="243"/>
        <source>上一份未完成的案卷</source>
        <translation>Previous unfinished case file</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="247"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="248"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="256"/>
        <source>完成并打开下一份</source>
        <translation>Complete and open the next</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="263"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="265"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="249"/>
        <location filename="../../app/ui/main_window.py" line="480"/>
        <source>快捷键</source>
        <translation>Shortcuts</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="250"/>
        <source>筛选案卷</source>
        <translation>Filter the case files</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="273"/>
        <source>文件</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="275"/>
        <source>导入光盘文件夹…</source>
        <translation>Import disc folder…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="276"/>
        <source>导入映像、压缩包或 PDF…</source>
        <translation>Import image, zip or PDF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="277"/>
        <source>分析全部案卷</source>
        <translation>Analyse all case files</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="278"/>
        <source>导出签名评分包…</source>
        <translation>Export signed score package…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="281"/>
        <source>监理站</source>
        <translation>S&amp;tation</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="282"/>
        <source>报送材料检查…</source>
        <translation>Submission check…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="283"/>
        <source>设置</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="284"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="293"/>
        <source>帮助</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="294"/>
        <source>快捷键 (F1)</source>
        <translation>Shortcuts (F1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="295"/>
        <source>专家身份与密钥指纹…</source>
        <translation>Expert identity and key fingerprint…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="341"/>
        <source>未设置专家身份</source>
        <translation>No expert identity yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="346"/>
        <source>专家：{name} · 指纹 {fp}</source>
        <translation>Expert: {name} · key {fp}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="366"/>
        <source>专家身份</source>
        <translation>Expert identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="367"/>
        <source>专家：{name}
单位：{unit}
编号：{number}

密钥指纹：
{fp}</source>
        <translation>Expert: {name}
Unit: {unit}
Number: {number}

Key fingerprint:
{fp}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="386"/>
        <source>选择光盘或文件夹</source>
        <translation>Choose a disc or folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="392"/>
        <source>选择光盘映像、压缩包或 PDF</source>
        <translation>Choose a disc image, zip or PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="392"/>
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="411"/>
        <source>已有后台任务在进行中。</source>
        <translation>A background task is already running.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="449"/>
        <source>已取消，已完成的部分已保存。</source>
        <translation>Cancelled; what was done is saved.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="451"/>
        <source>完成。</source>
        <translation>Done.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="454"/>
        <source>导入 {files} 个文件（新增 {new}），案卷 {cases} 份，有问题 {problems} 个。</source>
        <translation>Imported {files} files ({new} new), {cases} case files, {problems} problems.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="464"/>
        <source>有来源无法读取</source>
        <translation>Some sources could not be read</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="474"/>
        <source>ReviewDesk</source>
        <translation>ReviewDesk</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="617"/>
        <source>第 {page} / {count} 页</source>
        <translation>Page {page} / {count}</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <location filename="../../app/ui/page_view.py" line="190"/>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../app/ui/page_view.py" line="192"/>
        <source>适合页面</source>
        <translation>Fit page</translation>
    </message>
</context>
<context>
    <name>ScoreForm</name>
    <message>
        <location filename="../../app/ui/score_form.py" line="87"/>
        <source>完成 (Ctrl+Enter)</source>
        <translation>Complete (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="89"/>
        <source>重新打开…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="155"/>
        <source>未确认</source>
        <translation>Not confirmed</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="156"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="157"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="184"/>
        <source>合法性评查·重大问题（一票否决）：{count} 项，已认定 {raised} 项</source>
        <translation>Legality review, major problems (veto): {count} items, {raised} raised</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="209"/>
        <source>重大问题：</source>
        <translation>Major problem: </translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="212"/>
        <source>认定理由（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="230"/>
        <source>{label}（{points} 分）</source>
        <translation>{label} ({points} points)</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="238"/>
        <location filename="../../app/ui/score_form.py" line="254"/>
        <source>未评</source>
        <translation>Not scored</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="260"/>
        <source>得分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="264"/>
        <source>无需评审</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="270"/>
        <source>文书缺失</source>
        <translation>Document missing</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="284"/>
        <source>备注（可写页码，如“第7页”）</source>
        <translation>Note (you may cite a page, e.g. “page 7”)</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="286"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="293"/>
        <source>依据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="316"/>
        <source>{label}（扣分，上限 {cap}）</source>
        <translation>{label} (deductions, at most {cap})</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="324"/>
        <source>第{page}页 {kind}</source>
        <translation>p. {page} {kind}</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="332"/>
        <source>全部笔录（尚未找到文书）</source>
        <translation>All transcripts (no documents found yet)</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="334"/>
        <source>全卷</source>
        <translation>Whole file</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="379"/>
        <source>文中可见</source>
        <translation>seen in the text</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="380"/>
        <source>文中未见</source>
        <translation>not seen in the text</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="443"/>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="443"/>
        <source>重新打开已完成的案卷，请说明理由：</source>
        <translation>Reopening a completed case file needs a reason:</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="482"/>
        <source>（未评完）</source>
        <translation> (not complete)</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="484"/>
        <source> · 评分标准已更新</source>
        <translation> · the rubric has changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="490"/>
        <source>尚未评分。</source>
        <translation>Not scored yet.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="8"/>
        <source>下一份 / 上一份未完成的案卷</source>
        <translation>Next / previous unfinished case file</translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="9"/>
        <source>完成本案卷并打开下一份</source>
        <translation>Complete this case file and open the next</translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="10"/>
        <source>在评分项之间移动；数字键直接给分</source>
        <translation>Move between items; digits enter points</translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="11"/>
        <source>撤销 / 重做</source>
        <translation>Undo / redo</translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="12"/>
        <source>下一页 / 上一页</source>
        <translation>Next / previous page</translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="13"/>
        <source>在本案卷中查找 / 下一处 / 上一处</source>
        <translation>Find in this case file / next / previous</translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="16"/>
        <source>放大 / 缩小 / 适合宽度 / 适合页面</source>
        <translation>Zoom in / out / fit width / fit page</translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="18"/>
        <source>旋转页面 / 缩略图</source>
        <translation>Turn pages / thumbnails</translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="19"/>
        <source>导入光盘文件夹</source>
        <translation>Import a disc folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="20"/>
        <source>导出签名评分包</source>
        <translation>Export a signed score package</translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="21"/>
        <source>筛选案卷队列</source>
        <translation>Filter the case queue</translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="22"/>
        <source>本快捷键表</source>
        <translation>This list of shortcuts</translation>
    </message>
</context>
<context>
    <name>ViewerPane</name>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="170"/>
        <source>缩小 (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="171"/>
        <source>放大 (Ctrl+=)</source>
        <translation>Zoom in (Ctrl+=)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="172"/>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="172"/>
        <source>适合宽度 (Ctrl+0)</source>
        <translation>Fit width (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="173"/>
        <source>适合页面</source>
        <translation>Fit page</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="173"/>
        <source>适合页面 (Ctrl+9)</source>
        <translation>Fit page (Ctrl+9)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="174"/>
        <source>顺时针旋转 (Ctrl+R)</source>
        <translation>Turn clockwise (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="175"/>
        <source>缩略图</source>
        <translation>Thumbnails</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="175"/>
        <source>显示或隐藏缩略图 (Ctrl+T)</source>
        <translation>Show or hide thumbnails (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="181"/>
        <source>在本案卷中查找（含扫描页）Ctrl+F</source>
        <translation>Find in this case file (scans too) Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="232"/>
        <source>未找到</source>
        <translation>Not found</translation>
    </message>
</context>
<context>
    <name>vocabulary</name>
    <message>
        <location filename="../../app/vocabulary.py" line="20"/>
        <source>一般行政处罚</source>
        <translation>General penalty</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="21"/>
        <source>四个配套办法</source>
        <translation>Four supporting measures</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="22"/>
        <source>按日连续处罚</source>
        <translation>Daily continuous penalty</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="23"/>
        <source>查封扣押</source>
        <translation>Seizure and detention of property</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="24"/>
        <source>限产停产</source>
        <translation>Production limit or halt</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="25"/>
        <source>移送行政拘留</source>
        <translation>Referral for administrative detention</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="26"/>
        <source>涉嫌犯罪移送</source>
        <translation>Referral as a suspected crime</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="27"/>
        <source>申请法院强制执行</source>
        <translation>Court enforcement application</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="28"/>
        <source>稽查案卷</source>
        <translation>Audit case</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="29"/>
        <source>不予行政处罚</source>
        <translation>No penalty imposed</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="41"/>
        <source>推选</source>
        <translation>Nominated</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="42"/>
        <source>抽选</source>
        <translation>Sampled</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="46"/>
        <source>集体</source>
        <translation>Collective</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="47"/>
        <source>个人</source>
        <translation>Individual</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="51"/>
        <source>案卷封面</source>
        <translation>Case file cover</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="52"/>
        <source>卷内目录</source>
        <translation>Table of contents</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="53"/>
        <source>立案审批表</source>
        <translation>Case filing approval</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="54"/>
        <source>现场检查（勘察）笔录</source>
        <translation>On-site inspection record</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="55"/>
        <source>调查询问笔录</source>
        <translation>Inquiry record</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="56"/>
        <source>证据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="57"/>
        <source>案件调查报告</source>
        <translation>Investigation report</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="58"/>
        <source>事先（听证）告知书</source>
        <translation>Prior (hearing) notice</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="59"/>
        <source>决定书</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="60"/>
        <source>送达回证</source>
        <translation>Service receipt</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="61"/>
        <source>结案审批表</source>
        <translation>Case closing approval</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="62"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="107"/>
        <source>报送单位</source>
        <translation>Submitting unit</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="108"/>
        <source>候选类别</source>
        <translation>Candidate kind</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="109"/>
        <source>个人候选人</source>
        <translation>Individual candidate</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="110"/>
        <source>推选/抽选</source>
        <translation>Nominated/sampled</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="111"/>
        <source>案卷类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="112"/>
        <source>文号</source>
        <translation>Case number</translation>
    </message>
</context>
</TS>
