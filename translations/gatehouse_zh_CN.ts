<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Gatehouse::Core::JsonDocument</name>
    <message>
        <source>The document is empty: expected a JSON value</source>
        <translation>文档为空：应为一个 JSON 值</translation>
    </message>
    <message>
        <source>Unexpected %1 after the end of the document</source>
        <translation>文档结束后出现意外的 %1</translation>
    </message>
    <message>
        <source>Unterminated string: the closing &apos;&quot;&apos; is missing</source>
        <translation>字符串未结束：缺少右引号 &apos;&quot;&apos;</translation>
    </message>
    <message>
        <source>Invalid \u escape: four hexadecimal digits must follow \u</source>
        <translation>无效的 \u 转义：\u 之后必须是四位十六进制数字</translation>
    </message>
    <message>
        <source>Invalid escape sequence &apos;\%1&apos; in a string</source>
        <translation>字符串中含有无效的转义序列 &apos;\%1&apos;</translation>
    </message>
    <message>
        <source>Unterminated string: a line break appears before the closing &apos;&quot;&apos;</source>
        <translation>字符串未结束：在右引号 &apos;&quot;&apos; 之前出现了换行</translation>
    </message>
    <message>
        <source>Control character U+%1 in a string: write it as an escape</source>
        <translation>字符串中含有控制字符 U+%1：请使用转义写法</translation>
    </message>
    <message>
        <source>Invalid UTF-8 in a string</source>
        <translation>字符串中含有无效的 UTF-8</translation>
    </message>
    <message>
        <source>Invalid number</source>
        <translation>无效的数字</translation>
    </message>
    <message>
        <source>Invalid number: leading zeros are not allowed</source>
        <translation>无效的数字：不允许前导零</translation>
    </message>
    <message>
        <source>Invalid number: a digit must follow the decimal point</source>
        <translation>无效的数字：小数点之后必须是数字</translation>
    </message>
    <message>
        <source>Invalid number: a digit must follow the exponent</source>
        <translation>无效的数字：指数之后必须是数字</translation>
    </message>
    <message>
        <source>Unexpected end of the document: expected a value</source>
        <translation>文档意外结束：应为一个值</translation>
    </message>
    <message>
        <source>Unexpected %1: expected a value (true, false and null are lower case)</source>
        <translation>意外的 %1：应为一个值（true、false 和 null 均为小写）</translation>
    </message>
    <message>
        <source>Comments are not allowed in JSON</source>
        <translation>JSON 中不允许注释</translation>
    </message>
    <message>
        <source>Strings must use double quotes, not single quotes</source>
        <translation>字符串必须使用双引号，而不是单引号</translation>
    </message>
    <message>
        <source>Unexpected %1: expected a value</source>
        <translation>意外的 %1：应为一个值</translation>
    </message>
    <message>
        <source>Nesting is deeper than %1 levels</source>
        <translation>嵌套深度超过 %1 层</translation>
    </message>
    <message>
        <source>Unterminated object: the closing &apos;}&apos; is missing</source>
        <translation>对象未结束：缺少右花括号 &apos;}&apos;</translation>
    </message>
    <message>
        <source>Trailing comma: JSON allows no &apos;,&apos; before &apos;}&apos;</source>
        <translation>多余的逗号：JSON 不允许在 &apos;}&apos; 之前出现 &apos;,&apos;</translation>
    </message>
    <message>
        <source>Unexpected %1: expected a member name in double quotes</source>
        <translation>意外的 %1：应为双引号括起的成员名</translation>
    </message>
    <message>
        <source>Expected &apos;:&apos; after the member name</source>
        <translation>成员名之后应为 &apos;:&apos;</translation>
    </message>
    <message>
        <source>Unexpected %1: expected &apos;,&apos; or &apos;}&apos; after an object member</source>
        <translation>意外的 %1：对象成员之后应为 &apos;,&apos; 或 &apos;}&apos;</translation>
    </message>
    <message>
        <source>Unterminated array: the closing &apos;]&apos; is missing</source>
        <translation>数组未结束：缺少右方括号 &apos;]&apos;</translation>
    </message>
    <message>
        <source>Trailing comma: JSON allows no &apos;,&apos; before &apos;]&apos;</source>
        <translation>多余的逗号：JSON 不允许在 &apos;]&apos; 之前出现 &apos;,&apos;</translation>
    </message>
    <message>
        <source>Unexpected %1: expected &apos;,&apos; or &apos;]&apos; after an array element</source>
        <translation>意外的 %1：数组元素之后应为 &apos;,&apos; 或 &apos;]&apos;</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::FindBar</name>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>已替换 %n 处</numerusform>
        </translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::MainWindow</name>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Open config</source>
        <translation>打开配置</translation>
    </message>
    <message>
        <source>FGW config (*.json);;All files (*)</source>
        <translation>FGW 配置 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>New from &amp;Example</source>
        <translation>从示例新建(&amp;E)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export config.json</source>
        <translation>导出 config.json(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)...</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation>另存为(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Pretty (indented)...</source>
        <translation>美化格式（缩进）(&amp;P)...</translation>
    </message>
    <message>
        <source>&amp;Compact (one line)...</source>
        <translation>紧凑格式（单行）(&amp;C)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find...</source>
        <translation>查找(&amp;F)...</translation>
    </message>
    <message>
        <source>R&amp;eplace...</source>
        <translation>替换(&amp;E)...</translation>
    </message>
    <message>
        <source>Se&amp;ttings...</source>
        <translation>设置(&amp;T)...</translation>
    </message>
    <message>
        <source>Open &amp;Demo</source>
        <translation>打开演示(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;About Gatehouse</source>
        <translation>关于 Gatehouse(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Open Recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>%1 no longer exists; it was removed from the list.</source>
        <translation>%1 已不存在，已从列表中移除。</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近的文件</translation>
    </message>
    <message>
        <source>%1[*] - Gatehouse</source>
        <translation>%1[*] - Gatehouse</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Demo: FGW article</source>
        <translation>演示：FGW 文章</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 有未保存的更改。要保存吗？</translation>
    </message>
    <message>
        <source>Save config</source>
        <translation>保存配置</translation>
    </message>
    <message>
        <source>Cannot save %1: %2. The file on disk was not changed.</source>
        <translation>无法保存 %1：%2。磁盘上的文件未被修改。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export config.json</source>
        <translation>导出 config.json</translation>
    </message>
    <message>
        <source>The config is not valid JSON (line %1, column %2: %3). Nothing was exported.</source>
        <translation>配置不是有效的 JSON（第 %1 行，第 %2 列：%3）。未导出任何内容。</translation>
    </message>
    <message>
        <source>FGW config (*.json)</source>
        <translation>FGW 配置 (*.json)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>About Gatehouse</source>
        <translation>关于 Gatehouse</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Gatehouse %1&lt;/h3&gt;&lt;p&gt;A desktop gateway manager with an embedded proxy engine for Flomesh Gateway (FGW) configs.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Gatehouse %1&lt;/h3&gt;&lt;p&gt;内置代理引擎的桌面网关管理工具，用于 Flomesh Gateway (FGW) 配置。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the desktop</source>
        <translation>跟随桌面</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop gateway manager with an embedded proxy.</source>
        <translation>内置代理的桌面网关管理工具。</translation>
    </message>
    <message>
        <source>Open the built-in demo.</source>
        <translation>打开内置演示。</translation>
    </message>
    <message>
        <source>config.json to open.</source>
        <translation>要打开的 config.json。</translation>
    </message>
    <message>
        <source>check</source>
        <translation>check</translation>
    </message>
    <message>
        <source>Gatehouse headless engine.

Commands:
  check FILE   validate a config.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No command given; see --help.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
