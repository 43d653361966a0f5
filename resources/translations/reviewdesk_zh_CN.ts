<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../app/ui/station_menu.py" line="31"/>
        <source>监理站工作台…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_menu.py" line="33"/>
        <source>打开评审包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_menu.py" line="64"/>
        <source>打开评审包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_menu.py" line="64"/>
        <source>评审包 (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_menu.py" line="72"/>
        <source>监理站密钥指纹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_menu.py" line="73"/>
        <source>请输入监理站公布的密钥指纹（用于核对评审包确由监理站签发）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_menu.py" line="87"/>
        <source>评审包未导入：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_menu.py" line="90"/>
        <source>（盲评）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_menu.py" line="94"/>
        <source>已导入评审包：案卷 {cases} 份{blind}，评分标准 {rubric}；监理站 {station} · {fp}。评审完成后用“文件 → 导出签名评分包”交回。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_menu.py" line="110"/>
        <source>评审包</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="56"/>
        <source>关于 ReviewDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="62"/>
        <source>&lt;h3&gt;案卷评审台 ReviewDesk {version}&lt;/h3&gt;&lt;p&gt;环境执法案卷离线评审与评分。&lt;/p&gt;&lt;p&gt;许可证：{licence}（GNU Affero 通用公共许可证第 3 版或更高版本）。本程序是自由软件，不提供任何担保。&lt;a href=&apos;{url}&apos;&gt;许可证全文&lt;/a&gt;&lt;/p&gt;&lt;p&gt;源代码：{source}&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="77"/>
        <source>打开源代码所在位置</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdjudicationDialog</name>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="68"/>
        <source>裁定：{case}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="70"/>
        <source>认定得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="71"/>
        <source>要求复评</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="90"/>
        <source>裁定理由（必填，记入历史和签名的评审结果）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="92"/>
        <source>各专家评分：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="94"/>
        <source>合议分 / 分差：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="99"/>
        <source>理由：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../app/ui/application.py" line="46"/>
        <source>ReviewDesk 出错了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="47"/>
        <source>程序遇到了一个错误。已录入的内容都已保存。请把下面的详细信息复制给技术支持。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <location filename="../../app/ui/jobs.py" line="74"/>
        <source>后台任务意外结束，已完成的部分已保存。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseInfo</name>
    <message>
        <location filename="../../app/ui/case_info.py" line="20"/>
        <source>报送单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="21"/>
        <source>候选类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="22"/>
        <source>个人候选人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="23"/>
        <source>推选/抽选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="24"/>
        <source>案卷类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="25"/>
        <location filename="../../app/ui/case_info.py" line="32"/>
        <source>文号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="28"/>
        <source>目录名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="29"/>
        <source>文件名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="30"/>
        <source>封面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="31"/>
        <source>人工更正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="33"/>
        <source>卷内决定书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="82"/>
        <source>文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="83"/>
        <source>案卷信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="99"/>
        <source>正在分析…文书识别后会显示在这里。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="101"/>
        <source>等待分析…（正在分析其他案卷，本案卷排在前面）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="103"/>
        <source>尚未分析：导入后会在后台自动分析（文件 → 分析全部案卷）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="148"/>
        <source>请在左侧选择一份案卷。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="160"/>
        <source>未发现问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="171"/>
        <source>跨案卷核查（监理站运行 reviewdesk crosscheck 所得，由专家判断）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="174"/>
        <source>笔录提示（仅供参考，由专家判断）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="176"/>
        <source>扫描件（无文字层）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="176"/>
        <source>有文字层</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="177"/>
        <source>{pages} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="178"/>
        <source>识别依据：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="193"/>
        <source>本案第 {first}–{last} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="199"/>
        <source>案卷 {case} 第 {first}–{last} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="215"/>
        <source>无证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_info.py" line="224"/>
        <source>第 {page} 页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseQueue</name>
    <message>
        <location filename="../../app/ui/case_queue.py" line="127"/>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="127"/>
        <source>未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="127"/>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="130"/>
        <source>筛选… (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="131"/>
        <source>筛选：单位、文号、类型、状态… (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="135"/>
        <source>还没有案卷。

按 Ctrl+O 导入光盘文件夹，
或把光盘、映像、压缩包
或 PDF 拖到窗口上。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="195"/>
        <source>案卷队列（{count} 份）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_queue.py" line="197"/>
        <source>，显示 {shown} 份</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../app/ui/case_table.py" line="32"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="35"/>
        <source>文号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="32"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="36"/>
        <source>候选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="51"/>
        <source>推/抽</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="37"/>
        <source>页数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="51"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="54"/>
        <source>未评</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="55"/>
        <source>评审中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_table.py" line="56"/>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="52"/>
        <source>报送材料检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="59"/>
        <source>活动期间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="67"/>
        <source>检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="71"/>
        <source>评选方案：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="83"/>
        <source>候选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="83"/>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="83"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="83"/>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="103"/>
        <source>没有可用的评选方案。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/check_dialog.py" line="112"/>
        <source>{candidates} 个候选，{findings} 项问题。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../app/ui/crash_dialog.py" line="27"/>
        <source>复制详细信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_dialog.py" line="38"/>
        <source>已复制</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceLink</name>
    <message>
        <location filename="../../app/ui/evidence.py" line="29"/>
        <source>引用当前页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/evidence.py" line="31"/>
        <source>把页面上框选的段落（未框选时为正在看的页及查找到的文字）记为本项的依据 (Ctrl+Shift+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/evidence.py" line="36"/>
        <source>删除依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/evidence.py" line="50"/>
        <source>尚无依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/evidence.py" line="54"/>
        <source>第 {page} 页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message>
        <location filename="../../app/ui/export_flow.py" line="21"/>
        <location filename="../../app/ui/export_flow.py" line="92"/>
        <source>导出评分包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="23"/>
        <source>评分包 (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="34"/>
        <source>密钥口令</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="35"/>
        <source>请输入签名密钥的口令：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="49"/>
        <source>已导出评分包：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="50"/>
        <source>案卷 {cases} 份，第 {sequence} 号评分包。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="53"/>
        <source>密钥指纹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="54"/>
        <source>请打印包内的评分表（score-sheet.pdf）签字后，与评分包一并交监理站。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_flow.py" line="60"/>
        <source>注意：评分表字体中没有这些字，以 〓 代替（签名数据中保留原字）：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="29"/>
        <source>欢迎使用案卷评审台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="32"/>
        <source>请填写评审专家信息。导出评分包时将用您的签名密钥签名，监理站据此核验评分确由您提交、未被改动。密钥口令用于保护签名密钥，请牢记，遗失后无法找回。</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/identity_dialog.py" line="42"/>
        <source>至少 %n 个字符</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="46"/>
        <source>姓名(&amp;N)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="47"/>
        <source>工作单位(&amp;U)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="48"/>
        <source>专家编号(&amp;E)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="49"/>
        <source>密钥口令(&amp;P)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="50"/>
        <source>再输入一次(&amp;A)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="51"/>
        <source>导入内置演示光盘，先练习一下(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="60"/>
        <source>生成密钥并开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="61"/>
        <source>稍后</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_dialog.py" line="75"/>
        <source>两次输入的口令不一致。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../app/ui/history_view.py" line="16"/>
        <source>无需评审</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="17"/>
        <source>文书缺失</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="18"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="19"/>
        <source>依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="20"/>
        <source>重大问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="47"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="61"/>
        <source>理由：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="68"/>
        <source>专家：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="47"/>
        <source>项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="47"/>
        <source>原值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="47"/>
        <source>新值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="77"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="94"/>
        <source>扣分：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="96"/>
        <source>重大问题：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../app/ui/item_editors.py" line="30"/>
        <location filename="../../app/ui/item_editors.py" line="71"/>
        <location filename="../../app/ui/item_editors.py" line="206"/>
        <source>未评</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/item_editors.py" line="72"/>
        <source>小计 {earned} / {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/item_editors.py" line="76"/>
        <source>已评 {done}/{total} 条细则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/item_editors.py" line="90"/>
        <source>得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/item_editors.py" line="130"/>
        <source>（为0则本项0分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/item_editors.py" line="143"/>
        <source>无需评审</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/item_editors.py" line="144"/>
        <source>本条细则无需评审：不计入本项标准分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/item_editors.py" line="167"/>
        <source>整项得分 {points}（未按细则评分；按细则评分后以细则之和为准）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/item_editors.py" line="216"/>
        <source>等级</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobPanel</name>
    <message>
        <location filename="../../app/ui/job_panel.py" line="44"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="71"/>
        <source>正在准备…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="86"/>
        <source>正在取消…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="103"/>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="104"/>
        <source>识别页面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="105"/>
        <source>笔录全文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="106"/>
        <source>其余全文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/job_panel.py" line="107"/>
        <source>正在生成演示光盘…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="164"/>
        <source>案卷评审台 ReviewDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="165"/>
        <source>按案卷类型选定评查表；改选后本案卷按所选评查表评分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="166"/>
        <source>评分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="166"/>
        <source>文书与信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="166"/>
        <source>修改记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="307"/>
        <source>下一份未完成的案卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="312"/>
        <source>上一份未完成的案卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="316"/>
        <source>下一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="317"/>
        <source>上一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="325"/>
        <source>完成并打开下一份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="332"/>
        <source>撤销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="334"/>
        <source>重做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="318"/>
        <location filename="../../app/ui/main_window.py" line="557"/>
        <source>快捷键</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="319"/>
        <source>筛选案卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="342"/>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="344"/>
        <source>导入光盘文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="345"/>
        <source>导入映像、压缩包或 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="346"/>
        <source>分析全部案卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="347"/>
        <source>导出签名评分包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="350"/>
        <source>监理站</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="351"/>
        <source>报送材料检查…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="355"/>
        <source>设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="356"/>
        <source>界面语言</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="365"/>
        <source>帮助</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="366"/>
        <source>快捷键 (F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="367"/>
        <source>专家身份与密钥指纹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="369"/>
        <source>关于 ReviewDesk…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="409"/>
        <source>界面语言：{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="416"/>
        <source>未设置专家身份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="421"/>
        <source>专家：{name} · 指纹 {fp}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="441"/>
        <source>专家身份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="442"/>
        <source>专家：{name}
单位：{unit}
编号：{number}

密钥指纹：
{fp}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="461"/>
        <source>选择光盘或文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="467"/>
        <source>选择光盘映像、压缩包或 PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="467"/>
        <source>所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="486"/>
        <source>已有后台任务在进行中。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="526"/>
        <source>已取消，已完成的部分已保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="528"/>
        <source>完成。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="531"/>
        <source>导入 {files} 个文件（新增 {new}），案卷 {cases} 份，有问题 {problems} 个。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="541"/>
        <source>有来源无法读取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="551"/>
        <source>ReviewDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="580"/>
        <source>案卷 {case} 不在当前队列中（可能已被筛选或不在评审包内）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="720"/>
        <source>第 {page} / {count} 页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OtherSheets</name>
    <message>
        <location filename="../../app/ui/other_sheets.py" line="38"/>
        <source>另表已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/other_sheets.py" line="39"/>
        <source>另表评审中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/other_sheets.py" line="45"/>
        <source>已按“{title}”评审完成（{total} 分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/other_sheets.py" line="48"/>
        <source>已按“{title}”评审中（尚未完成）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/other_sheets.py" line="105"/>
        <source>改用此表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/other_sheets.py" line="107"/>
        <source>改用“{title}”，显示已评的分数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/other_sheets.py" line="113"/>
        <source>当前评分表“{title}”尚未评分。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <location filename="../../app/ui/page_view.py" line="265"/>
        <source>适合宽度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/page_view.py" line="267"/>
        <source>适合页面</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PanelView</name>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="144"/>
        <source>裁定所选案卷…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="147"/>
        <source>（不计算候选得分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="152"/>
        <source>方案所需数据…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="153"/>
        <source>JSON 文件：各候选的案件数、罚款额、得票等（格式见 README）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="164"/>
        <source>橙色：分差超过容限待裁定；黄色：待复评；绿色：已裁定。双击裁定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="171"/>
        <source>评选方案：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="177"/>
        <source>案卷 × 专家</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="178"/>
        <source>排名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="179"/>
        <source>未交评审</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="201"/>
        <source>已收到 {cases} 份案卷的评分，{experts} 位专家；待裁定 {flagged} 份，未交评审 {missing} 项。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="213"/>
        <location filename="../../app/ui/station_panel_view.py" line="267"/>
        <source>案卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="215"/>
        <source>合议分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="216"/>
        <source>分差</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="217"/>
        <source>裁定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="218"/>
        <source>得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="226"/>
        <source>待裁定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="227"/>
        <source>待复评</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="228"/>
        <source>已裁定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="245"/>
        <source>级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="245"/>
        <source>名次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="245"/>
        <source>候选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="245"/>
        <source>总分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="245"/>
        <source>入选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="259"/>
        <location filename="../../app/ui/station_panel_view.py" line="273"/>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="267"/>
        <source>专家编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="267"/>
        <source>专家</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="267"/>
        <source>评审包已发出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="273"/>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="281"/>
        <source>方案所需数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="281"/>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_panel_view.py" line="290"/>
        <source>无法读取 {path}：{error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoreForm</name>
    <message>
        <location filename="../../app/ui/score_form.py" line="100"/>
        <source>完成 (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="103"/>
        <source>重新打开…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="174"/>
        <source>案件事实与重大问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="179"/>
        <location filename="../../app/ui/score_form.py" line="643"/>
        <source>评分项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="231"/>
        <source>未确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="232"/>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="233"/>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="253"/>
        <location filename="../../app/ui/score_form.py" line="638"/>
        <source>合法性评查·重大问题（一票否决）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="390"/>
        <source>扣分制，上限 {cap} 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="624"/>
        <source>文书缺失 · 得分 {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="640"/>
        <source>{count} 项，已认定 {raised} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="644"/>
        <source>已评 {done}/{items} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="658"/>
        <source>扣 {points} 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="262"/>
        <source>重大问题：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="265"/>
        <source>认定理由（必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="284"/>
        <source>{label}（{points} 分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="306"/>
        <location filename="../../app/ui/score_form.py" line="622"/>
        <source>无需评审</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="312"/>
        <source>文书缺失</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="319"/>
        <source>备注（可写页码，如“第7页”）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="321"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="328"/>
        <source>依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="374"/>
        <source>第{page}页 {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="441"/>
        <source>文中可见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="442"/>
        <source>文中未见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="527"/>
        <source>重新打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="527"/>
        <source>重新打开已完成的案卷，请说明理由：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="604"/>
        <source>已评 {done}/{items} 项 · 暂计 {score}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="610"/>
        <source>未评 · 满分 {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="614"/>
        <source>（未评完）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="616"/>
        <source> · 评分标准已更新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/score_form.py" line="568"/>
        <source>尚未评分。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="8"/>
        <source>下一份 / 上一份未完成的案卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="9"/>
        <source>完成本案卷并打开下一份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="10"/>
        <source>在评分项之间移动；数字键直接给分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="11"/>
        <source>下一个评分框 / 跳到评分表的第1…9部分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="12"/>
        <source>撤销 / 重做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="13"/>
        <source>下一页 / 上一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="14"/>
        <source>在本案卷中查找 / 下一处 / 上一处</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="17"/>
        <source>放大 / 缩小 / 适合宽度 / 适合页面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="19"/>
        <source>旋转页面 / 缩略图</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="20"/>
        <source>框选的段落记为所在评分项的依据 / 取消框选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="21"/>
        <source>导入光盘文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="22"/>
        <source>导出签名评分包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="23"/>
        <source>筛选案卷队列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shortcuts.py" line="24"/>
        <source>本快捷键表</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StationWorkbench</name>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="73"/>
        <source>监理站工作台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="77"/>
        <source>1 光盘与检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="78"/>
        <source>2 分配</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="79"/>
        <source>3 评审包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="80"/>
        <source>4 接收评分包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="82"/>
        <source>5 评审汇总与裁定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="94"/>
        <source>导入光盘文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="96"/>
        <source>导入映像或压缩包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="98"/>
        <source>报送材料检查…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="100"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="117"/>
        <source>已导入 {cases} 份案卷，来自 {units} 个单位。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="133"/>
        <location filename="../../app/ui/station_workbench.py" line="150"/>
        <location filename="../../app/ui/station_workbench.py" line="253"/>
        <location filename="../../app/ui/station_workbench.py" line="312"/>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="134"/>
        <location filename="../../app/ui/station_workbench.py" line="152"/>
        <location filename="../../app/ui/station_workbench.py" line="253"/>
        <location filename="../../app/ui/station_workbench.py" line="314"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="135"/>
        <location filename="../../app/ui/station_workbench.py" line="253"/>
        <source>文号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="136"/>
        <source>推/抽</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="137"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="138"/>
        <source>页数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="151"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="153"/>
        <source>地区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="154"/>
        <source>回避（单位:理由；单位:理由）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="158"/>
        <source>读入专家名单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="160"/>
        <source>添加专家</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="168"/>
        <source>分配</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="174"/>
        <source>每份案卷专家数：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="176"/>
        <source>随机种子：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="188"/>
        <source>回避的专家与理由：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="194"/>
        <source>专家名单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="194"/>
        <source>专家名单 (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="245"/>
        <source>分配方案 {id}：每份案卷 {n} 位专家，随机种子 {seed}（以同一种子重新分配得到同一结果）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="253"/>
        <location filename="../../app/ui/station_workbench.py" line="256"/>
        <location filename="../../app/ui/station_workbench.py" line="313"/>
        <location filename="../../app/ui/station_workbench.py" line="393"/>
        <source>专家</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="256"/>
        <source>案卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="256"/>
        <source>回避理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="264"/>
        <source>盲评（隐去单位、文号和文头）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="271"/>
        <source>生成全部评审包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="274"/>
        <source>评分标准：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="289"/>
        <source>监理站密钥指纹（请告知专家，用于核对评审包）：{fp}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="291"/>
        <source>还没有监理站密钥：请先在“帮助 → 专家身份与密钥指纹”中生成。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="315"/>
        <source>案卷数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="316"/>
        <source>评审包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="317"/>
        <source>盲评</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="323"/>
        <source>评审包保存到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="351"/>
        <source>接收评分包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="353"/>
        <source>接收名册中没有的密钥（以指纹标识，不建议）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="362"/>
        <source>每个评分包都先核验（签名、成员、名册、案卷、重算分数）；拒收的列出理由，不计入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="371"/>
        <source>专家的评分包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="371"/>
        <source>评分包 (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="388"/>
        <source>拒收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="393"/>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="393"/>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="393"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="401"/>
        <source>导出汇总表和评查意见…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="412"/>
        <source>保存到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/station_workbench.py" line="439"/>
        <source>监理站</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViewerPane</name>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="170"/>
        <source>缩小 (Ctrl+-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="171"/>
        <source>放大 (Ctrl+=)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="172"/>
        <source>适合宽度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="172"/>
        <source>适合宽度 (Ctrl+0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="173"/>
        <source>适合页面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="173"/>
        <source>适合页面 (Ctrl+9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="174"/>
        <source>顺时针旋转 (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="175"/>
        <source>缩略图</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="175"/>
        <source>显示或隐藏缩略图 (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="181"/>
        <source>在本案卷中查找（含扫描页）Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/viewer_pane.py" line="232"/>
        <source>未找到</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vocabulary</name>
    <message>
        <location filename="../../app/vocabulary.py" line="20"/>
        <source>一般行政处罚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="21"/>
        <source>四个配套办法</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="22"/>
        <source>按日连续处罚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="23"/>
        <source>查封扣押</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="24"/>
        <source>限产停产</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="25"/>
        <source>移送行政拘留</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="26"/>
        <source>涉嫌犯罪移送</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="27"/>
        <source>申请法院强制执行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="28"/>
        <source>稽查案卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="29"/>
        <source>不予行政处罚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="41"/>
        <source>推选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="42"/>
        <source>抽选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="46"/>
        <source>集体</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="47"/>
        <source>个人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="51"/>
        <source>案卷封面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="52"/>
        <source>卷内目录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="53"/>
        <source>立案审批表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="54"/>
        <source>现场检查（勘察）笔录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="55"/>
        <source>调查询问笔录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="56"/>
        <source>证据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="57"/>
        <source>案件调查报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="58"/>
        <source>事先（听证）告知书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="59"/>
        <source>决定书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="60"/>
        <source>送达回证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="61"/>
        <source>结案审批表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="62"/>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="107"/>
        <source>报送单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="108"/>
        <source>候选类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="109"/>
        <source>个人候选人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="110"/>
        <source>推选/抽选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="111"/>
        <source>案卷类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/vocabulary.py" line="112"/>
        <source>文号</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
