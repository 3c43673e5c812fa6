<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Gatehouse::Core</name>
    <message>
        <source>gatehouse-proxy: cannot start: %1</source>
        <translation>gatehouse-proxy: 无法启动：%1</translation>
    </message>
    <message>
        <source>not active (unsupported yet): %1</source>
        <translation>未生效（尚不支持）：%1</translation>
    </message>
    <message>
        <source>gatehouse-proxy: admin port %1: %2</source>
        <translation>gatehouse-proxy: 管理端口 %1：%2</translation>
    </message>
    <message>
        <source>admin: http://0.0.0.0:%1/metrics and /healthz</source>
        <translation>管理接口：http://0.0.0.0:%1/metrics 和 /healthz</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>could bind (not started)</source>
        <translation>可以绑定（未启动）</translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>not active: unsupported</source>
        <translation>未生效：不支持</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::AccessLogWriter</name>
    <message>
        <source>cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message numerus="yes">
        <source>access log %1: writing again (%n line(s) lost)</source>
        <translation><numerusform>访问日志 %1：已恢复写入（丢失 %n 行）</numerusform></translation>
    </message>
    <message>
        <source>access log %1: %2: %3 (reported once; lines are counted as lost until it works again)</source>
        <translation>访问日志 %1：%2：%3（仅报告一次；在恢复之前，日志行计为丢失）</translation>
    </message>
    <message>
        <source>cannot write</source>
        <translation>无法写入</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::AtomicFile</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot open directory %1: %2</source>
        <translation>无法打开目录 %1：%2</translation>
    </message>
    <message>
        <source>cannot sync directory %1: %2</source>
        <translation>无法同步目录 %1：%2</translation>
    </message>
    <message>
        <source>cannot rename %1 to %2: %3</source>
        <translation>无法将 %1 重命名为 %2：%3</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::CheckCommand</name>
    <message>
        <source>%1: error: cannot read the file: %2 [unreadable-file]</source>
        <translation>%1: 错误：无法读取文件：%2 [unreadable-file]</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) checked: </source>
        <translation><numerusform>已检查 %n 个文件: </numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n error(s), </source>
        <translation><numerusform>%n 个错误, </numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation><numerusform>%n 个警告</numerusform></translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::ConfigBundle</name>
    <message>
        <source>%1 is not a directory</source>
        <translation>%1 不是目录</translation>
    </message>
    <message>
        <source>refusing unsafe path %1</source>
        <translation>拒绝不安全的路径 %1</translation>
    </message>
    <message>
        <source>cannot create directory for %1</source>
        <translation>无法为 %1 创建目录</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::ConfigCompleter</name>
    <message numerus="yes">
        <source>service, %n endpoint(s)</source>
        <translation><numerusform>服务，%n 个端点</numerusform></translation>
    </message>
    <message>
        <source>%1 listener</source>
        <comment>protocol</comment>
        <translation>%1 监听器</translation>
    </message>
    <message>
        <source>service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>FGW module</source>
        <translation>FGW 模块</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::ConfigDiff</name>
    <message>
        <source>(unset)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>%1: %2 added</source>
        <translation>%1：新增 %2</translation>
    </message>
    <message>
        <source>%1: %2 set to %3</source>
        <translation>%1：%2 设为 %3</translation>
    </message>
    <message>
        <source>%1: %2 removed</source>
        <translation>%1：移除 %2</translation>
    </message>
    <message>
        <source>%1: %2 changed</source>
        <translation>%1：%2 已更改</translation>
    </message>
    <message>
        <source>%1: %2 %3 -&gt; %4</source>
        <translation>%1：%2 %3 -&gt; %4</translation>
    </message>
    <message>
        <source>new listener %1 (%2)</source>
        <translation>新增监听器 %1（%2）</translation>
    </message>
    <message>
        <source>listener %1 removed</source>
        <translation>移除监听器 %1</translation>
    </message>
    <message>
        <source>listener %1</source>
        <translation>监听器 %1</translation>
    </message>
    <message>
        <source>%1: protocol %2 -&gt; %3</source>
        <translation>%1：协议 %2 -&gt; %3</translation>
    </message>
    <message>
        <source>%1: bind address %2 -&gt; %3</source>
        <translation>%1：绑定地址 %2 -&gt; %3</translation>
    </message>
    <message>
        <source>gRPC %1/%2</source>
        <translation>gRPC %1/%2</translation>
    </message>
    <message>
        <source>any path</source>
        <translation>任意路径</translation>
    </message>
    <message>
        <source> with headers %1</source>
        <translation> 且请求头为 %1</translation>
    </message>
    <message>
        <source> with query %1</source>
        <translation> 且查询参数为 %1</translation>
    </message>
    <message>
        <source>files in %1</source>
        <translation>%1 中的文件</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1: serves %2 instead of %3</source>
        <translation>%1：改为提供 %2（原为 %3）</translation>
    </message>
    <message>
        <source>%1: service %2 added with weight %3</source>
        <translation>%1：新增服务 %2，权重 %3</translation>
    </message>
    <message>
        <source>%1: service %2 weight %3 -&gt; %4</source>
        <translation>%1：服务 %2 权重 %3 -&gt; %4</translation>
    </message>
    <message>
        <source>%1: filters of service %2 changed</source>
        <translation>%1：服务 %2 的过滤器已更改</translation>
    </message>
    <message>
        <source>%1: service %2 removed</source>
        <translation>%1：移除服务 %2</translation>
    </message>
    <message>
        <source>%1: new route %2 -&gt; %3</source>
        <translation>%1：新增路由 %2 -&gt; %3</translation>
    </message>
    <message>
        <source>%1, route %2</source>
        <translation>%1，路由 %2</translation>
    </message>
    <message>
        <source>%1: route %2 removed</source>
        <translation>%1：移除路由 %2</translation>
    </message>
    <message>
        <source>%1: route order changed (first match wins)</source>
        <translation>%1：路由顺序已更改（首个匹配的路由生效）</translation>
    </message>
    <message>
        <source>%1: all routes removed</source>
        <translation>%1：移除全部路由</translation>
    </message>
    <message>
        <source>%1: new host %2</source>
        <translation>%1：新增主机 %2</translation>
    </message>
    <message>
        <source>%1, host %2</source>
        <translation>%1，主机 %2</translation>
    </message>
    <message>
        <source>%1: host %2 removed</source>
        <translation>%1：移除主机 %2</translation>
    </message>
    <message>
        <source>%1: new SNI route %2</source>
        <translation>%1：新增 SNI 路由 %2</translation>
    </message>
    <message>
        <source>%1, SNI %2</source>
        <translation>%1，SNI %2</translation>
    </message>
    <message>
        <source>%1: target %2 -&gt; %3</source>
        <translation>%1：目标 %2 -&gt; %3</translation>
    </message>
    <message>
        <source>%1: SNI route %2 removed</source>
        <translation>%1：移除 SNI 路由 %2</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <source>ports %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <source>HTTP GET %1</source>
        <translation>HTTP GET %1</translation>
    </message>
    <message>
        <source>TCP connect</source>
        <translation>TCP 连接</translation>
    </message>
    <message>
        <source>%1: health check added (%2 every %3 s, MaxFails %4)</source>
        <translation>%1：新增健康检查（每 %3 秒 %2，MaxFails %4）</translation>
    </message>
    <message>
        <source>%1: health check removed</source>
        <translation>%1：移除健康检查</translation>
    </message>
    <message>
        <source>%1: health check</source>
        <translation>%1：健康检查</translation>
    </message>
    <message>
        <source>%1 probe %2 -&gt; %3</source>
        <translation>%1探测方式 %2 -&gt; %3</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 interval %2 -&gt; %3</source>
        <translation>%1间隔 %2 -&gt; %3</translation>
    </message>
    <message>
        <source>%1 MaxFails %2 -&gt; %3</source>
        <translation>%1 MaxFails %2 -&gt; %3</translation>
    </message>
    <message>
        <source>%1 FailTimeout %2 -&gt; %3</source>
        <translation>%1 FailTimeout %2 -&gt; %3</translation>
    </message>
    <message>
        <source>%1 accepted statuses %2 -&gt; %3</source>
        <translation>%1可接受的状态码 %2 -&gt; %3</translation>
    </message>
    <message>
        <source>%1 body or header rules changed</source>
        <translation>%1响应体或响应头规则已更改</translation>
    </message>
    <message>
        <source>%1: sticky sessions enabled (cookie %2, %3 s)</source>
        <translation>%1：已启用会话保持（cookie %2，%3 秒）</translation>
    </message>
    <message>
        <source>%1: sticky sessions disabled</source>
        <translation>%1：已禁用会话保持</translation>
    </message>
    <message>
        <source>%1: sticky cookie %2 -&gt; %3</source>
        <translation>%1：会话保持 cookie %2 -&gt; %3</translation>
    </message>
    <message>
        <source>%1: sticky cookie lifetime %2 s -&gt; %3 s</source>
        <translation>%1：会话保持 cookie 有效期 %2 秒 -&gt; %3 秒</translation>
    </message>
    <message>
        <source>service %1</source>
        <translation>服务 %1</translation>
    </message>
    <message>
        <source>%1: endpoint %2 added with weight %3</source>
        <translation>%1：新增端点 %2，权重 %3</translation>
    </message>
    <message>
        <source>%1: endpoint %2 weight %3 -&gt; %4</source>
        <translation>%1：端点 %2 权重 %3 -&gt; %4</translation>
    </message>
    <message>
        <source>%1: endpoint %2</source>
        <translation>%1：端点 %2</translation>
    </message>
    <message>
        <source>%1: endpoint %2 removed</source>
        <translation>%1：移除端点 %2</translation>
    </message>
    <message>
        <source>%1: algorithm %2 -&gt; %3</source>
        <translation>%1：算法 %2 -&gt; %3</translation>
    </message>
    <message>
        <source>%1: upstream mTLS enabled</source>
        <translation>%1：已启用上游 mTLS</translation>
    </message>
    <message>
        <source>%1: upstream mTLS disabled</source>
        <translation>%1：已禁用上游 mTLS</translation>
    </message>
    <message>
        <source>%1: MaxRequestsPerConnection %2 -&gt; %3</source>
        <translation>%1：MaxRequestsPerConnection %2 -&gt; %3</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 及另外 %2 个</translation>
    </message>
    <message>
        <source>new service %1 with endpoints %2</source>
        <translation>新增服务 %1，端点为 %2</translation>
    </message>
    <message>
        <source>service %1 removed</source>
        <translation>移除服务 %1</translation>
    </message>
    <message>
        <source>new chain %1</source>
        <translation>新增链 %1</translation>
    </message>
    <message>
        <source>chain %1 removed</source>
        <translation>移除链 %1</translation>
    </message>
    <message>
        <source>chain %1: module %2 added</source>
        <translation>链 %1：新增模块 %2</translation>
    </message>
    <message>
        <source>chain %1: module %2 removed</source>
        <translation>链 %1：移除模块 %2</translation>
    </message>
    <message>
        <source>chain %1: module order changed</source>
        <translation>链 %1：模块顺序已更改</translation>
    </message>
    <message>
        <source>global certificate added</source>
        <translation>新增全局证书</translation>
    </message>
    <message>
        <source>global certificate removed</source>
        <translation>移除全局证书</translation>
    </message>
    <message>
        <source>global certificate changed</source>
        <translation>全局证书已更改</translation>
    </message>
    <message>
        <source>consumers changed (%1 -&gt; %2)</source>
        <translation>消费者已更改（%1 -&gt; %2）</translation>
    </message>
    <message>
        <source>Version %1 -&gt; %2</source>
        <translation>Version %1 -&gt; %2</translation>
    </message>
    <message>
        <source>No changes: the new config behaves like the current one.</source>
        <translation>无变化：新配置与当前配置的行为一致。</translation>
    </message>
    <message>
        <source>global options</source>
        <translation>全局选项</translation>
    </message>
    <message>
        <source>listeners</source>
        <translation>监听器</translation>
    </message>
    <message>
        <source>routes</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>chains</source>
        <translation>模块链</translation>
    </message>
    <message>
        <source>certificates, consumers and version</source>
        <translation>证书、消费者和版本</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1和%2</translation>
    </message>
    <message>
        <source>%1 added</source>
        <translation>新增 %1 项</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>移除 %1 项</translation>
    </message>
    <message>
        <source>%1 modified</source>
        <translation>修改 %1 项</translation>
    </message>
    <message>
        <source>Changes in %1: %2.</source>
        <translation>%1有变更：%2。</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::ConfigLoader</name>
    <message>
        <source>This value</source>
        <translation>该值</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>%1 appears again on line %2. FGW keeps only the last one, so this one is ignored.</source>
        <translation>%1 在第 %2 行再次出现。FGW 只保留最后一个，因此此处的会被忽略。</translation>
    </message>
    <message>
        <source>Unknown key %1 in %2: FGW ignores it.</source>
        <translation>%2 中的未知键 %1：FGW 会忽略它。</translation>
    </message>
    <message>
        <source>Unknown key %1 in %2: FGW ignores it. Did you mean "%3"?</source>
        <translation>%2 中的未知键 %1：FGW 会忽略它。是否应为 "%3"？</translation>
    </message>
    <message>
        <source>Rename to "%1"</source>
        <translation>重命名为 "%1"</translation>
    </message>
    <message>
        <source>%1 must be %2, not %3.</source>
        <translation>%1 必须是 %2，而不是 %3。</translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation>%1 必须是整数。</translation>
    </message>
    <message>
        <source>%1 is not an HTTP status code (100 to 599).</source>
        <translation>%1 不是 HTTP 状态码（100 到 599）。</translation>
    </message>
    <message>
        <source>%1 needs "%2".</source>
        <translation>%1 需要 "%2"。</translation>
    </message>
    <message>
        <source>Invalid regular expression: %1 (at character %2).</source>
        <translation>无效的正则表达式：%1（位于第 %2 个字符）。</translation>
    </message>
    <message>
        <source>Invalid regular expression for FGW: inline flags such as "(?i)" are not part of JavaScript regular expressions.</source>
        <translation>对 FGW 无效的正则表达式：JavaScript 正则表达式不支持 "(?i)" 之类的内联标志。</translation>
    </message>
    <message>
        <source>%1: Gatehouse reads this setting but its engine does not implement it yet, so it has no effect when Gatehouse runs this config (FGW honours it).</source>
        <translation>%1：Gatehouse 会读取此设置，但其引擎尚未实现该功能，因此由 Gatehouse 运行此配置时该设置不起作用（FGW 会遵循此设置）。</translation>
    </message>
    <message>
        <source>A config must be a JSON object, not %1.</source>
        <translation>配置必须是 JSON 对象，而不是 %1。</translation>
    </message>
    <message>
        <source>"Features" is written by FSM but no FGW module reads it; it has no effect.</source>
        <translation>"Features" 由 FSM 写入，但没有任何 FGW 模块读取它，因此不起作用。</translation>
    </message>
    <message>
        <source>%1 is not a port number (1 to 65535).</source>
        <translation>%1 不是端口号（1 到 65535）。</translation>
    </message>
    <message>
        <source>"Percent" must be between 0 and 100.</source>
        <translation>"Percent" 必须介于 0 到 100 之间。</translation>
    </message>
    <message>
        <source>"Range" must look like "min-max", e.g. "100-500".</source>
        <translation>"Range" 必须形如 "min-max"，例如 "100-500"。</translation>
    </message>
    <message>
        <source>"Unit" must be "ms", "s" or "m".</source>
        <translation>"Unit" 必须是 "ms"、"s" 或 "m"。</translation>
    </message>
    <message>
        <source>"Delay" needs "Fixed" or "Range".</source>
        <translation>"Delay" 需要 "Fixed" 或 "Range"。</translation>
    </message>
    <message>
        <source>"ClientMaxBodySize" cannot be negative; FGW would treat it as 0, which means no limit.</source>
        <translation>"ClientMaxBodySize" 不能为负数；FGW 会将其视为 0，即不限制大小。</translation>
    </message>
    <message>
        <source>"ClientMaxBodySize" must be a number of bytes, optionally with a "k" or "m" suffix (e.g. "10m").</source>
        <translation>"ClientMaxBodySize" 必须是字节数，可带 "k" 或 "m" 后缀（例如 "10m"）。</translation>
    </message>
    <message>
        <source>"%1" only applies to domain and route access control lists; FGW ignores it on a listener, which resets denied connections.</source>
        <translation>"%1" 仅适用于域名和路由的访问控制列表；在监听器上 FGW 会忽略它，监听器会直接重置被拒绝的连接。</translation>
    </message>
    <message>
        <source>Protocol names are case-sensitive: FGW finds no chain for %1 and closes every connection. Write "%2".</source>
        <translation>协议名称区分大小写：FGW 找不到 %1 对应的链，会关闭所有连接。请写为 "%2"。</translation>
    </message>
    <message>
        <source>Write "%1"</source>
        <translation>改为 "%1"</translation>
    </message>
    <message>
        <source>Unknown protocol %1: FGW closes every connection to this listener. Use HTTP, HTTPS, TLS, TCP or UDP.</source>
        <translation>未知协议 %1：FGW 会关闭到此监听器的所有连接。请使用 HTTP、HTTPS、TLS、TCP 或 UDP。</translation>
    </message>
    <message>
        <source>"Listen" must be a port or "ip:port", e.g. "127.0.0.1:8080".</source>
        <translation>"Listen" 必须是端口或 "ip:port"，例如 "127.0.0.1:8080"。</translation>
    </message>
    <message>
        <source>%1 is not an IP address; "Listen" binds an address, not a host name.</source>
        <translation>%1 不是 IP 地址；"Listen" 绑定的是地址，而不是主机名。</translation>
    </message>
    <message>
        <source>A %1 listener needs "TLS".</source>
        <translation>%1 监听器需要 "TLS"。</translation>
    </message>
    <message>
        <source>A TLS listener needs "TLSModeType": "Terminate" or "Passthrough".</source>
        <translation>TLS 监听器需要 "TLSModeType"："Terminate" 或 "Passthrough"。</translation>
    </message>
    <message>
        <source>"TLSModeType" must be "Terminate" or "Passthrough".</source>
        <translation>"TLSModeType" 必须是 "Terminate" 或 "Passthrough"。</translation>
    </message>
    <message>
        <source>FGW reads only "MTLS" (capital M), which is set too; "mTLS" is ignored.</source>
        <translation>FGW 只读取 "MTLS"（大写 M），而该项也已设置；"mTLS" 会被忽略。</translation>
    </message>
    <message>
        <source>Remove "mTLS"</source>
        <translation>删除 "mTLS"</translation>
    </message>
    <message>
        <source>FGW reads "MTLS" (capital M); "mTLS", as its documentation writes it, is ignored, so FGW does not ask clients for certificates. Gatehouse reads it as "MTLS".</source>
        <translation>FGW 读取的是 "MTLS"（大写 M）；按其文档写法的 "mTLS" 会被忽略，因此 FGW 不会要求客户端提供证书。Gatehouse 会将其视为 "MTLS"。</translation>
    </message>
    <message>
        <source>Rename to "MTLS"</source>
        <translation>重命名为 "MTLS"</translation>
    </message>
    <message>
        <source>"ALPN" must be "http/1.1" or "h2".</source>
        <translation>"ALPN" 必须是 "http/1.1" 或 "h2"。</translation>
    </message>
    <message>
        <source>Unknown load-balancing algorithm %1: FGW fails on the first request to this service. Use RoundRobinLoadBalancer, HashingLoadBalancer or LeastConnectionLoadBalancer.</source>
        <translation>未知的负载均衡算法 %1：FGW 在处理发往此服务的第一个请求时就会出错。请使用 RoundRobinLoadBalancer、HashingLoadBalancer 或 LeastConnectionLoadBalancer。</translation>
    </message>
    <message>
        <source>"RetryPolicy" is the name before November 2023 and "Retry" is set too; FGW ignores "RetryPolicy".</source>
        <translation>"RetryPolicy" 是 2023 年 11 月之前的名称，且同时设置了 "Retry"；FGW 会忽略 "RetryPolicy"。</translation>
    </message>
    <message>
        <source>Remove "RetryPolicy"</source>
        <translation>删除 "RetryPolicy"</translation>
    </message>
    <message>
        <source>"RetryPolicy" was renamed "Retry" in November 2023: current FGW servers ignore it and never retry. Gatehouse reads it as "Retry".</source>
        <translation>"RetryPolicy" 已于 2023 年 11 月更名为 "Retry"：当前的 FGW 服务器会忽略它，从不重试。Gatehouse 会将其视为 "Retry"。</translation>
    </message>
    <message>
        <source>Rename to "Retry"</source>
        <translation>重命名为 "Retry"</translation>
    </message>
    <message>
        <source>FGW reads "MTLS" (capital M); "mTLS" is ignored, so FGW does not present the upstream certificate. Gatehouse reads it as "MTLS".</source>
        <translation>FGW 读取的是 "MTLS"（大写 M）；"mTLS" 会被忽略，因此 FGW 不会出示上游证书。Gatehouse 会将其视为 "MTLS"。</translation>
    </message>
    <message>
        <source>Filters on a service are the format before September 2023: current FGW servers ignore them. Move them to the route match ("Filters") or to its "BackendService" entry for this service.</source>
        <translation>服务上的过滤器是 2023 年 9 月之前的格式：当前的 FGW 服务器会忽略它们。请将其移到路由匹配（"Filters"）中，或移到路由匹配中对应此服务的 "BackendService" 条目中。</translation>
    </message>
    <message>
        <source>Service %1 is defined again on line %2. FGW keeps only the last one, so this one is ignored.</source>
        <translation>服务 %1 在第 %2 行再次定义。FGW 只保留最后一个，因此此处的定义会被忽略。</translation>
    </message>
    <message>
        <source>Endpoint %1 must be written as "host:port".</source>
        <translation>端点 %1 必须写成 "host:port" 形式。</translation>
    </message>
    <message>
        <source>A negative weight takes endpoint %1 out of the rotation like 0 does, but it is not a backup endpoint either; write 0 for a backup.</source>
        <translation>负权重与 0 一样会使端点 %1 退出轮转，但也不会使其成为备用端点；如需备用端点，请写 0。</translation>
    </message>
    <message>
        <source>"Uri" is the health check format before November 2023 and "Path" is set too; FGW ignores "Uri".</source>
        <translation>"Uri" 是 2023 年 11 月之前的健康检查格式，且同时设置了 "Path"；FGW 会忽略 "Uri"。</translation>
    </message>
    <message>
        <source>Remove "Uri"</source>
        <translation>删除 "Uri"</translation>
    </message>
    <message>
        <source>"Uri" is the health check format before November 2023. Current FGW servers ignore "Uri" (and the "Type"/"Value" matches) and run a TCP-connect probe instead; Gatehouse runs the HTTP probe of %1 this describes. Rename it to "Path" so FGW does too.</source>
        <translation>"Uri" 是 2023 年 11 月之前的健康检查格式。当前的 FGW 服务器会忽略 "Uri"（以及 "Type"/"Value" 匹配），改为执行 TCP 连接探测；Gatehouse 则按此配置对 %1 执行 HTTP 探测。将其重命名为 "Path"，FGW 也会执行 HTTP 探测。</translation>
    </message>
    <message>
        <source>Rename to "Path"</source>
        <translation>重命名为 "Path"</translation>
    </message>
    <message>
        <source>"HealthCheck" needs "MaxFails" (above 0); without it FGW never checks this service.</source>
        <translation>"HealthCheck" 需要 "MaxFails"（大于 0）；否则 FGW 永远不会检查此服务。</translation>
    </message>
    <message>
        <source>"HealthCheck" needs "Interval" (active probes) or "FailTimeout" (passive checks) above 0; without either FGW never checks this service.</source>
        <translation>"HealthCheck" 需要大于 0 的 "Interval"（主动探测）或 "FailTimeout"（被动检查）；两者都没有时，FGW 永远不会检查此服务。</translation>
    </message>
    <message>
        <source>%1 belongs to the health check format before November 2023 and means nothing without "Type"; FGW ignores it.</source>
        <translation>%1 属于 2023 年 11 月之前的健康检查格式，没有 "Type" 时没有意义；FGW 会忽略它。</translation>
    </message>
    <message>
        <source>Unknown health check match type %1: use "StatusCodes", "Body" or "Headers".</source>
        <translation>未知的健康检查匹配类型 %1：请使用 "StatusCodes"、"Body" 或 "Headers"。</translation>
    </message>
    <message>
        <source>{"Type", "Value"} is the health check match format before November 2023; current FGW servers ignore it. Write %1 instead.</source>
        <translation>{"Type", "Value"} 是 2023 年 11 月之前的健康检查匹配格式；当前的 FGW 服务器会忽略它。请改写为 %1。</translation>
    </message>
    <message>
        <source>{"Type": %1, "Value": ...} is the health check match format before November 2023. Current FGW servers ignore "Type" and "Value" (and, without "Path", run a TCP-connect probe); Gatehouse reads it as %2.</source>
        <translation>{"Type": %1, "Value": ...} 是 2023 年 11 月之前的健康检查匹配格式。当前的 FGW 服务器会忽略 "Type" 和 "Value"（并且在没有 "Path" 时执行 TCP 连接探测）；Gatehouse 会将其视为 %2。</translation>
    </message>
    <message>
        <source>Rewrite as %1</source>
        <translation>改写为 %1</translation>
    </message>
    <message>
        <source>"RetryOn" must be a comma-separated list of statuses such as "5xx,403".</source>
        <translation>"RetryOn" 必须是以逗号分隔的状态码列表，例如 "5xx,403"。</translation>
    </message>
    <message>
        <source>"RetryBackoffBaseInterval" is the name before November 2023 and "BackoffBaseInterval" is set too; FGW ignores it.</source>
        <translation>"RetryBackoffBaseInterval" 是 2023 年 11 月之前的名称，且同时设置了 "BackoffBaseInterval"；FGW 会忽略它。</translation>
    </message>
    <message>
        <source>Remove "RetryBackoffBaseInterval"</source>
        <translation>删除 "RetryBackoffBaseInterval"</translation>
    </message>
    <message>
        <source>"RetryBackoffBaseInterval" was renamed "BackoffBaseInterval" in November 2023: current FGW servers ignore it and retry without a pause. Gatehouse reads it as "BackoffBaseInterval".</source>
        <translation>"RetryBackoffBaseInterval" 已于 2023 年 11 月更名为 "BackoffBaseInterval"：当前的 FGW 服务器会忽略它，重试前不作等待。Gatehouse 会将其视为 "BackoffBaseInterval"。</translation>
    </message>
    <message>
        <source>Rename to "BackoffBaseInterval"</source>
        <translation>重命名为 "BackoffBaseInterval"</translation>
    </message>
    <message>
        <source>FGW has no per-try timeout and ignores "PerTryTimeout"; "Configs.SocketTimeout" is the only timeout.</source>
        <translation>FGW 没有单次尝试超时，会忽略 "PerTryTimeout"；"Configs.SocketTimeout" 是唯一的超时设置。</translation>
    </message>
    <message>
        <source>FGW ignores "ConnectionSettings" (an FSM format before August 2023).</source>
        <translation>FGW 会忽略 "ConnectionSettings"（2023 年 8 月之前的 FSM 格式）。</translation>
    </message>
    <message>
        <source>Remove "ConnectionSettings"</source>
        <translation>删除 "ConnectionSettings"</translation>
    </message>
    <message>
        <source>"ConnectionSettings.http" is FSM's format before August 2023: current FGW servers ignore it, so its circuit breaker and request limit have no effect there. They belong directly on the service; Gatehouse reads them from here.</source>
        <translation>"ConnectionSettings.http" 是 FSM 在 2023 年 8 月之前的格式：当前的 FGW 服务器会忽略它，因此其中的熔断和请求限制在 FGW 上不起作用。这些设置应直接写在服务上；Gatehouse 会从此处读取它们。</translation>
    </message>
    <message>
        <source>Move them onto the service</source>
        <translation>将其移到服务上</translation>
    </message>
    <message>
        <source>FGW never runs a chain named %1: it selects HTTPRoute, HTTPSRoute, TLSPassthrough, TLSTerminate, TCPRoute or UDPRoute by listener protocol.</source>
        <translation>FGW 永远不会运行名为 %1 的链：它按监听器协议选择 HTTPRoute、HTTPSRoute、TLSPassthrough、TLSTerminate、TCPRoute 或 UDPRoute。</translation>
    </message>
    <message>
        <source>FGW never runs a chain named %1. Did you mean "%2"?</source>
        <translation>FGW 永远不会运行名为 %1 的链。是否应为 "%2"？</translation>
    </message>
    <message>
        <source>%1 is not an FGW module; FGW fails to load a chain that names a missing file.</source>
        <translation>%1 不是 FGW 模块；链中引用了不存在的文件时，FGW 将无法加载该链。</translation>
    </message>
    <message>
        <source>%1 is not a port number (1 to 65535); RouteRules keys are ports or comma-separated lists of ports.</source>
        <translation>%1 不是端口号（1 到 65535）；RouteRules 的键是端口或以逗号分隔的端口列表。</translation>
    </message>
    <message>
        <source>Unknown RouteType %1: FGW treats it as HTTP/1 without a body size limit. Use "HTTP", "HTTP2" or "GRPC".</source>
        <translation>未知的 RouteType %1：FGW 会将其视为不限制请求体大小的 HTTP/1。请使用 "HTTP"、"HTTP2" 或 "GRPC"。</translation>
    </message>
    <message>
        <source>FGW ignores "%1" in a GRPC route (RouteType "GRPC"); match on "Method" and "Headers" instead.</source>
        <translation>在 GRPC 路由（RouteType "GRPC"）中 FGW 会忽略 "%1"；请改用 "Method" 和 "Headers" 进行匹配。</translation>
    </message>
    <message>
        <source>"Method" is the gRPC method match and only counts with RouteType "GRPC"; HTTP routes match on "Methods" (a list).</source>
        <translation>"Method" 是 gRPC 方法匹配，仅在 RouteType 为 "GRPC" 时有效；HTTP 路由使用 "Methods"（列表）进行匹配。</translation>
    </message>
    <message>
        <source>FGW documents "RequestParams" (and FSM writes it) but never reads it, so this match ignores the query string. The key FGW reads is "QueryParams".</source>
        <translation>FGW 的文档中写的是 "RequestParams"（FSM 也会写入它），但 FGW 从不读取它，因此此匹配会忽略查询字符串。FGW 读取的键是 "QueryParams"。</translation>
    </message>
    <message>
        <source>Rename to "QueryParams"</source>
        <translation>重命名为 "QueryParams"</translation>
    </message>
    <message>
        <source>Unknown path match type %1: FGW never matches this route. Use "Prefix", "Exact" or "Regex".</source>
        <translation>未知的路径匹配类型 %1：FGW 永远不会匹配此路由。请使用 "Prefix"、"Exact" 或 "Regex"。</translation>
    </message>
    <message>
        <source>FGW tests path regexes unanchored: %1 also matches paths that merely contain a match. Write "^...$" to match whole paths.</source>
        <translation>FGW 以非锚定方式匹配路径正则表达式：%1 也会匹配仅包含匹配内容的路径。要匹配完整路径，请写成 "^...$"。</translation>
    </message>
    <message>
        <source>FGW compares methods case-sensitively, so %1 never matches a request (methods are upper case). Write "%2".</source>
        <translation>FGW 比较方法时区分大小写，因此 %1 永远不会匹配任何请求（方法均为大写）。请写为 "%2"。</translation>
    </message>
    <message>
        <source>FGW checks gRPC methods only with "Type": "Exact"; any other type matches every method.</source>
        <translation>FGW 仅在 "Type": "Exact" 时检查 gRPC 方法；其他类型会匹配所有方法。</translation>
    </message>
    <message>
        <source>This match needs "BackendService".</source>
        <translation>此匹配需要 "BackendService"。</translation>
    </message>
    <message>
        <source>This match needs "BackendService" (to proxy) or "ServerRoot" (to serve files).</source>
        <translation>此匹配需要 "BackendService"（用于代理）或 "ServerRoot"（用于提供文件）。</translation>
    </message>
    <message>
        <source>FGW knows only "Basic" here; other values change nothing.</source>
        <translation>此处 FGW 只识别 "Basic"；其他值不起任何作用。</translation>
    </message>
    <message>
        <source>FGW looks header names up exactly as written, but requests carry them in lower case, so %1 never matches. Write "%2".</source>
        <translation>FGW 严格按书写形式查找请求头名称，但请求中的请求头名称均为小写，因此 %1 永远不会匹配。请写为 "%2"。</translation>
    </message>
    <message>
        <source>A negative weight excludes service %1 from this route, like 0 does.</source>
        <translation>负权重与 0 一样，会将服务 %1 排除在此路由之外。</translation>
    </message>
    <message>
        <source>Without "Weight" FGW never sends traffic to %1 (a missing weight counts as 0).</source>
        <translation>没有 "Weight" 时，FGW 永远不会向 %1 发送流量（缺少权重按 0 计）。</translation>
    </message>
    <message>
        <source>Unknown filter type %1: FGW ignores this filter. Use RequestHeaderModifier, ResponseHeaderModifier, RequestRedirect, URLRewrite or RequestMirror.</source>
        <translation>未知的过滤器类型 %1：FGW 会忽略此过滤器。请使用 RequestHeaderModifier、ResponseHeaderModifier、RequestRedirect、URLRewrite 或 RequestMirror。</translation>
    </message>
    <message>
        <source>A %1 filter needs its settings under "%2".</source>
        <translation>%1 过滤器的设置需要写在 "%2" 下。</translation>
    </message>
    <message>
        <source>A path modifier's "Type" must be "ReplacePrefixMatch" or "ReplaceFullPath".</source>
        <translation>路径修改器的 "Type" 必须是 "ReplacePrefixMatch" 或 "ReplaceFullPath"。</translation>
    </message>
    <message>
        <source>"RateLimit.Local" is the format before October 2023: current FGW servers ignore the fields nested under "Local", so they do not limit this route. Gatehouse reads them; move them up into "RateLimit".</source>
        <translation>"RateLimit.Local" 是 2023 年 10 月之前的格式：当前的 FGW 服务器会忽略嵌套在 "Local" 下的字段，因此它们不会对此路由限流。Gatehouse 会读取这些字段；请将其上移到 "RateLimit" 中。</translation>
    </message>
    <message>
        <source>Move the fields up into "RateLimit"</source>
        <translation>将字段上移到 "RateLimit" 中</translation>
    </message>
    <message>
        <source>A negative weight excludes service %1, like 0 does.</source>
        <translation>负权重与 0 一样，会排除服务 %1。</translation>
    </message>
    <message>
        <source>Port %1 is already used by the listener on line %2. FGW finds routes by this port, so the two cannot be told apart.</source>
        <translation>端口 %1 已被第 %2 行的监听器使用。FGW 按此端口查找路由，因此无法区分这两个监听器。</translation>
    </message>
    <message>
        <source>Port %1 is already bound by the listener on line %2; a port can be bound only once.</source>
        <translation>端口 %1 已被第 %2 行的监听器绑定；一个端口只能绑定一次。</translation>
    </message>
    <message>
        <source>Port %1 appears again in the RouteRules key %2 on line %3. FGW keeps only the later rule for it, so these routes are ignored on port %1.</source>
        <translation>端口 %1 在第 %3 行的 RouteRules 键 %2 中再次出现。对该端口 FGW 只保留后面的规则，因此在端口 %1 上会忽略这些路由。</translation>
    </message>
    <message>
        <source>No listener has "Port": %1, so FGW never uses these routes.</source>
        <translation>没有监听器的 "Port" 为 %1，因此 FGW 永远不会使用这些路由。</translation>
    </message>
    <message>
        <source>No service is named %1 in "Services"; FGW answers these requests with 404.</source>
        <translation>"Services" 中没有名为 %1 的服务；FGW 会对这些请求返回 404。</translation>
    </message>
    <message>
        <source>No service is named %1 in "Services". Did you mean %2?</source>
        <translation>"Services" 中没有名为 %1 的服务。是否应为 %2？</translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation>使用 %1</translation>
    </message>
    <message>
        <source>The "%1" chain is empty: FGW runs no module for this listener, so it accepts connections and serves nothing.</source>
        <translation>"%1" 链为空：FGW 不会为此监听器运行任何模块，因此它会接受连接，但不提供任何服务。</translation>
    </message>
    <message>
        <source>"Chains" has no "%1" chain: FGW runs no module for this listener, so it accepts connections and serves nothing.</source>
        <translation>"Chains" 中没有 "%1" 链：FGW 不会为此监听器运行任何模块，因此它会接受连接，但不提供任何服务。</translation>
    </message>
    <message>
        <source>Insert FGW's default "%1" chain</source>
        <translation>插入 FGW 默认的 "%1" 链</translation>
    </message>
    <message>
        <source>%1 needs the module "%2", which the "%3" chain (line %4) does not list, so this listener does not work on FGW.</source>
        <translation>%1 需要模块 "%2"，但 "%3" 链（第 %4 行）中没有列出该模块，因此此监听器在 FGW 上无法工作。</translation>
    </message>
    <message>
        <source>%1 needs the module "%2", which the "%3" chain (line %4) does not list, so FGW ignores this setting.</source>
        <translation>%1 需要模块 "%2"，但 "%3" 链（第 %4 行）中没有列出该模块，因此 FGW 会忽略此设置。</translation>
    </message>
    <message>
        <source>Add "%1" to the "%2" chain</source>
        <translation>将 "%1" 添加到 "%2" 链</translation>
    </message>
    <message>
        <source>"AccessControlLists"</source>
        <translation>"AccessControlLists"</translation>
    </message>
    <message>
        <source>"BpsLimit"</source>
        <translation>"BpsLimit"</translation>
    </message>
    <message>
        <source>Forwarding TCP</source>
        <translation>TCP 转发</translation>
    </message>
    <message>
        <source>Forwarding UDP</source>
        <translation>UDP 转发</translation>
    </message>
    <message>
        <source>TLS passthrough</source>
        <translation>TLS 透传</translation>
    </message>
    <message>
        <source>TLS termination</source>
        <translation>TLS 终止</translation>
    </message>
    <message>
        <source>Forwarding terminated TLS</source>
        <translation>转发已终止的 TLS</translation>
    </message>
    <message>
        <source>An HTTPS listener</source>
        <translation>HTTPS 监听器</translation>
    </message>
    <message>
        <source>An HTTP listener</source>
        <translation>HTTP 监听器</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Choosing a service</source>
        <translation>选择服务</translation>
    </message>
    <message>
        <source>"AccessLog"</source>
        <translation>"AccessLog"</translation>
    </message>
    <message>
        <source>"Fault"</source>
        <translation>"Fault"</translation>
    </message>
    <message>
        <source>"ErrorPage"</source>
        <translation>"ErrorPage"</translation>
    </message>
    <message>
        <source>"ProxyRedirect"</source>
        <translation>"ProxyRedirect"</translation>
    </message>
    <message>
        <source>A %1 filter</source>
        <translation>%1 过滤器</translation>
    </message>
    <message>
        <source>A domain "RateLimit"</source>
        <translation>域名级 "RateLimit"</translation>
    </message>
    <message>
        <source>Domain "AccessControlLists"</source>
        <translation>域名级 "AccessControlLists"</translation>
    </message>
    <message>
        <source>A route "RateLimit"</source>
        <translation>路由级 "RateLimit"</translation>
    </message>
    <message>
        <source>Route "AccessControlLists"</source>
        <translation>路由级 "AccessControlLists"</translation>
    </message>
    <message>
        <source>"EnableHeadersAuthorization"</source>
        <translation>"EnableHeadersAuthorization"</translation>
    </message>
    <message>
        <source>"EnableSubrequestAuthorization"</source>
        <translation>"EnableSubrequestAuthorization"</translation>
    </message>
    <message>
        <source>Proxying to a service</source>
        <translation>代理到服务</translation>
    </message>
    <message>
        <source>"CircuitBreaking"</source>
        <translation>"CircuitBreaking"</translation>
    </message>
    <message>
        <source>The "cors" plugin</source>
        <translation>"cors" 插件</translation>
    </message>
    <message>
        <source>The "traffic-mirror" plugin</source>
        <translation>"traffic-mirror" 插件</translation>
    </message>
    <message numerus="yes">
        <source> (and %n other service(s))</source>
        <translation><numerusform> (及另外 %n 个服务)</numerusform></translation>
    </message>
    <message>
        <source>FGW balances HTTP/1 requests per connection: a keep-alive client sends all its requests to the same endpoint of %1%2. Set "Configs.HTTP1PerRequestLoadBalancing" to true to balance every request.</source>
        <translation>FGW 按连接对 HTTP/1 请求进行负载均衡：使用长连接（keep-alive）的客户端会将其所有请求发往 %1%2 的同一个端点。将 "Configs.HTTP1PerRequestLoadBalancing" 设为 true 可对每个请求进行负载均衡。</translation>
    </message>
    <message>
        <source>Balance every request</source>
        <translation>对每个请求进行负载均衡</translation>
    </message>
    <message>
        <source>FGW tries wildcard hosts in the order written, and %1 on line %2 comes first and matches every host %3 matches, so this domain is never used. List more specific wildcards first and "*" last.</source>
        <translation>FGW 按书写顺序尝试通配符主机，而第 %2 行的 %1 排在前面，并且会匹配 %3 能匹配的所有主机，因此此域名永远不会被使用。请将更具体的通配符写在前面，"*" 写在最后。</translation>
    </message>
    <message>
        <source>"MTLS" is on but no CA is configured ("TLS.CACerts" on any listener, or "Certificate.IssuingCA"): FGW then does not verify client certificates and accepts every client.</source>
        <translation>"MTLS" 已开启，但未配置 CA（任一监听器上的 "TLS.CACerts"，或 "Certificate.IssuingCA"）：此时 FGW 不会验证客户端证书，会接受所有客户端。</translation>
    </message>
    <message numerus="yes">
        <source> (the same holds for %n other service(s))</source>
        <translation><numerusform> (另外 %n 个服务也是如此)</numerusform></translation>
    </message>
    <message>
        <source>FGW counts "MaxFails" since the endpoint was last marked up, not in a row: successes in between do not reset the count, so an endpoint that fails now and then is eventually marked down%1.</source>
        <translation>FGW 统计 "MaxFails" 时计算的是端点上次被标记为可用以来的累计失败次数，而不是连续失败次数：其间的成功不会重置计数，因此偶尔失败的端点最终也会被标记为不可用%1。</translation>
    </message>
    <message>
        <source>%1 is not a gRPC status code (0 to 16); on a GRPC route FGW answers with it as grpc-status.</source>
        <translation>%1 不是 gRPC 状态码（0 到 16）；在 GRPC 路由上，FGW 以它作为 grpc-status 应答。</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::EngineController</name>
    <message>
        <source>config is not valid JSON (line %1, column %2): %3</source>
        <translation>配置不是有效的 JSON（第 %1 行，第 %2 列）：%3</translation>
    </message>
    <message>
        <source>line %1, column %2: %3 [%4]</source>
        <translation>第 %1 行，第 %2 列：%3 [%4]</translation>
    </message>
    <message>
        <source> (not active: unsupported)</source>
        <translation> (未生效：不支持)</translation>
    </message>
    <message>
        <source>protocol %1 is not supported yet</source>
        <translation>尚不支持协议 %1</translation>
    </message>
    <message>
        <source>listener %1 (%2): %3</source>
        <translation>监听器 %1（%2）：%3</translation>
    </message>
    <message>
        <source>%1 %2 on %3</source>
        <translation>%1 %2，绑定 %3</translation>
    </message>
    <message>
        <source> (not listening: %1)</source>
        <translation>（未监听：%1）</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::EngineFeatures</name>
    <message>
        <source>HTTPS listeners</source>
        <translation>HTTPS 监听器</translation>
    </message>
    <message>
        <source>TLS listeners</source>
        <translation>TLS 监听器</translation>
    </message>
    <message>
        <source>TCP listeners</source>
        <translation>TCP 监听器</translation>
    </message>
    <message>
        <source>UDP listeners</source>
        <translation>UDP 监听器</translation>
    </message>
    <message>
        <source>HTTP/2 upstream routes (RouteType HTTP2)</source>
        <translation>HTTP/2 上游路由（RouteType HTTP2）</translation>
    </message>
    <message>
        <source>gRPC routes (RouteType GRPC)</source>
        <translation>gRPC 路由（RouteType GRPC）</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>过滤器</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Circuit breaking</source>
        <translation>熔断</translation>
    </message>
    <message>
        <source>Request rate limiting</source>
        <translation>请求限流</translation>
    </message>
    <message>
        <source>Fault injection</source>
        <translation>故障注入</translation>
    </message>
    <message>
        <source>Access control lists</source>
        <translation>访问控制列表</translation>
    </message>
    <message>
        <source>Consumers and header authorization</source>
        <translation>消费者与请求头认证</translation>
    </message>
    <message>
        <source>Custom error pages</source>
        <translation>自定义错误页</translation>
    </message>
    <message>
        <source>Proxy redirect rewriting</source>
        <translation>代理重定向改写</translation>
    </message>
    <message>
        <source>Dynamic gzip compression</source>
        <translation>动态 gzip 压缩</translation>
    </message>
    <message>
        <source>Service plugins</source>
        <translation>服务插件</translation>
    </message>
    <message>
        <source>Bandwidth limits (BpsLimit)</source>
        <translation>带宽限制（BpsLimit）</translation>
    </message>
    <message>
        <source>TLS to upstreams (UpstreamCert, UseSSL)</source>
        <translation>到上游的 TLS（UpstreamCert、UseSSL）</translation>
    </message>
    <message>
        <source>Access log files (AccessLog)</source>
        <translation>访问日志文件（AccessLog）</translation>
    </message>
</context>
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
        <source>Unterminated string: the closing '"' is missing</source>
        <translation>字符串未结束：缺少右引号 '"'</translation>
    </message>
    <message>
        <source>Invalid \u escape: four hexadecimal digits must follow \u</source>
        <translation>无效的 \u 转义：\u 之后必须是四位十六进制数字</translation>
    </message>
    <message>
        <source>Invalid escape sequence '\%1' in a string</source>
        <translation>字符串中含有无效的转义序列 '\%1'</translation>
    </message>
    <message>
        <source>Unterminated string: a line break appears before the closing '"'</source>
        <translation>字符串未结束：在右引号 '"' 之前出现了换行</translation>
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
        <source>Unterminated object: the closing '}' is missing</source>
        <translation>对象未结束：缺少右花括号 '}'</translation>
    </message>
    <message>
        <source>Trailing comma: JSON allows no ',' before '}'</source>
        <translation>多余的逗号：JSON 不允许在 '}' 之前出现 ','</translation>
    </message>
    <message>
        <source>Unexpected %1: expected a member name in double quotes</source>
        <translation>意外的 %1：应为双引号括起的成员名</translation>
    </message>
    <message>
        <source>Expected ':' after the member name</source>
        <translation>成员名之后应为 ':'</translation>
    </message>
    <message>
        <source>Unexpected %1: expected ',' or '}' after an object member</source>
        <translation>意外的 %1：对象成员之后应为 ',' 或 '}'</translation>
    </message>
    <message>
        <source>Unterminated array: the closing ']' is missing</source>
        <translation>数组未结束：缺少右方括号 ']'</translation>
    </message>
    <message>
        <source>Trailing comma: JSON allows no ',' before ']'</source>
        <translation>多余的逗号：JSON 不允许在 ']' 之前出现 ','</translation>
    </message>
    <message>
        <source>Unexpected %1: expected ',' or ']' after an array element</source>
        <translation>意外的 %1：数组元素之后应为 ',' 或 ']'</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::JsonSchemaValidator</name>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>No schema document</source>
        <translation>没有 Schema 文档</translation>
    </message>
    <message>
        <source>Schema line %1, column %2: %3</source>
        <translation>Schema 第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <source>a schema must be an object or a boolean</source>
        <translation>Schema 必须是对象或布尔值</translation>
    </message>
    <message>
        <source>invalid pattern: %1</source>
        <translation>无效的 pattern 正则表达式：%1</translation>
    </message>
    <message>
        <source>unsupported keyword "%1"</source>
        <translation>不支持的关键字 "%1"</translation>
    </message>
    <message>
        <source>"deprecated" must be true or false</source>
        <translation>"deprecated" 必须是 true 或 false</translation>
    </message>
    <message>
        <source>"%1" must be an object</source>
        <translation>"%1" 必须是对象</translation>
    </message>
    <message>
        <source>"%1" must be a non-empty array</source>
        <translation>"%1" 必须是非空数组</translation>
    </message>
    <message>
        <source>only local references ("#/...") are supported</source>
        <translation>仅支持本地引用（"#/..."）</translation>
    </message>
    <message>
        <source>unresolved reference "%1"</source>
        <translation>无法解析的引用 "%1"</translation>
    </message>
    <message>
        <source>reference "%1" is not a schema</source>
        <translation>引用 "%1" 不是 Schema</translation>
    </message>
    <message>
        <source>"type" must be a string or an array</source>
        <translation>"type" 必须是字符串或数组</translation>
    </message>
    <message>
        <source>"enum" must be an array</source>
        <translation>"enum" 必须是数组</translation>
    </message>
    <message>
        <source>"required" must be an array</source>
        <translation>"required" 必须是数组</translation>
    </message>
    <message>
        <source>"pattern" must be a string</source>
        <translation>"pattern" 必须是字符串</translation>
    </message>
    <message>
        <source>"%1" must be a number</source>
        <translation>"%1" 必须是数字</translation>
    </message>
    <message>
        <source>No value is allowed here</source>
        <translation>此处不允许任何值</translation>
    </message>
    <message>
        <source>"%1" is deprecated. %2</source>
        <translation>"%1" 已弃用。%2</translation>
    </message>
    <message>
        <source>Expected %1, found %2</source>
        <translation>应为 %1，实际为 %2</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>%1 is not one of the allowed values: %2</source>
        <translation>%1 不是允许的值之一：%2</translation>
    </message>
    <message>
        <source>%1 is less than the minimum %2</source>
        <translation>%1 小于最小值 %2</translation>
    </message>
    <message>
        <source>%1 is greater than the maximum %2</source>
        <translation>%1 大于最大值 %2</translation>
    </message>
    <message>
        <source>%1 must be greater than %2</source>
        <translation>%1 必须大于 %2</translation>
    </message>
    <message>
        <source>%1 must be less than %2</source>
        <translation>%1 必须小于 %2</translation>
    </message>
    <message numerus="yes">
        <source>Must be at least %n character(s) long</source>
        <translation><numerusform>长度至少为 %n 个字符</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Must be at most %n character(s) long</source>
        <translation><numerusform>长度最多为 %n 个字符</numerusform></translation>
    </message>
    <message>
        <source>%1 does not match the pattern %2</source>
        <translation>%1 与模式 %2 不匹配</translation>
    </message>
    <message>
        <source>"%1" is not a valid key here. %2</source>
        <translation>"%1" 在此处不是有效的键。%2</translation>
    </message>
    <message>
        <source>Unknown key "%1"</source>
        <translation>未知的键 "%1"</translation>
    </message>
    <message>
        <source>The required key "%1" is missing</source>
        <translation>缺少必需的键 "%1"</translation>
    </message>
    <message numerus="yes">
        <source>Needs at least %n element(s)</source>
        <translation><numerusform>至少需要 %n 个元素</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Allows at most %n element(s)</source>
        <translation><numerusform>最多允许 %n 个元素</numerusform></translation>
    </message>
    <message>
        <source>This value has a shape that is not allowed here</source>
        <translation>此处不允许该值的结构</translation>
    </message>
    <message>
        <source>This value fits more than one of the exclusive shapes</source>
        <translation>该值同时符合多个互斥结构</translation>
    </message>
    <message>
        <source>This value does not have any of the allowed shapes. %1</source>
        <translation>该值不符合任何允许的结构。%1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::ListenSocket</name>
    <message>
        <source>port %1 is in use</source>
        <translation>端口 %1 已被占用</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::LocalRepo</name>
    <message>
        <source>%1 is damaged</source>
        <translation>%1 已损坏</translation>
    </message>
    <message>
        <source>version %1 does not exist in %2</source>
        <translation>%2 中不存在版本 %1</translation>
    </message>
    <message>
        <source>version %1 does not match its recorded hash</source>
        <translation>版本 %1 与其记录的哈希值不符</translation>
    </message>
    <message>
        <source>cannot create the repo directory %1</source>
        <translation>无法创建仓库目录 %1</translation>
    </message>
    <message>
        <source>%1 is locked by another writer (pid %2)</source>
        <translation>%1 已被另一个写入进程锁定（pid %2）</translation>
    </message>
    <message>
        <source>rollback to version %1</source>
        <translation>回滚到版本 %1</translation>
    </message>
    <message>
        <source>the repo is at version %1, not %2; nothing was written</source>
        <translation>仓库当前为版本 %1，而不是 %2；未写入任何内容</translation>
    </message>
    <message>
        <source>cannot create directories in %1</source>
        <translation>无法在 %1 中创建目录</translation>
    </message>
    <message>
        <source>cannot write to %1 (permission denied); nothing was written</source>
        <translation>无法写入 %1（权限被拒绝）；未写入任何内容</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>cannot create the lock file in %1: %2</source>
        <translation>无法在 %1 中创建锁文件：%2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::PipyRepoClient</name>
    <message>
        <source>no answer (timed out)</source>
        <translation>无响应（超时）</translation>
    </message>
    <message>
        <source>no answer: %1</source>
        <translation>无响应：%1</translation>
    </message>
    <message>
        <source>cannot read the codebase before committing: %1; the uploaded files are pending edits, nothing was committed</source>
        <translation>提交前无法读取代码库：%1；已上传的文件为待提交的修改，未提交任何内容</translation>
    </message>
    <message>
        <source>the codebase changed from version %1 to %2 while publishing; the uploaded files are pending edits, nothing was committed</source>
        <translation>发布期间代码库从版本 %1 变为 %2；已上传的文件为待提交的修改，未提交任何内容</translation>
    </message>
    <message>
        <source>commit refused: %1; the uploaded files are pending edits, nothing was committed</source>
        <translation>提交被拒绝：%1；已上传的文件为待提交的修改，未提交任何内容</translation>
    </message>
    <message>
        <source>%1 %2 failed: %3; nothing was committed</source>
        <translation>%1 %2 失败：%3；未提交任何内容</translation>
    </message>
    <message>
        <source>the codebase is at version %1, not %2; nothing was written</source>
        <translation>代码库当前为版本 %1，而不是 %2；未写入任何内容</translation>
    </message>
    <message>
        <source>%1 did not answer like a Pipy repo</source>
        <translation>%1 的响应不像 Pipy 仓库</translation>
    </message>
    <message>
        <source>cannot read the codebase: %1; nothing was written</source>
        <translation>无法读取代码库：%1；未写入任何内容</translation>
    </message>
    <message>
        <source>the codebase does not exist, it is not at version %1; nothing was written</source>
        <translation>代码库不存在，因此不处于版本 %1；未写入任何内容</translation>
    </message>
    <message>
        <source>cannot create the codebase: %1; nothing was written</source>
        <translation>无法创建代码库：%1；未写入任何内容</translation>
    </message>
    <message>
        <source>cannot read the new codebase: %1</source>
        <translation>无法读取新代码库：%1</translation>
    </message>
    <message>
        <source>manifest: %1</source>
        <translation>清单：%1</translation>
    </message>
    <message>
        <source>the repo did not send a manifest</source>
        <translation>仓库未发送清单</translation>
    </message>
    <message>
        <source>the codebase has no /config.json</source>
        <translation>代码库中没有 /config.json</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::PublishLog</name>
    <message>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::PullRunCommand</name>
    <message>
        <source>gatehouse-proxy: admin port %1: %2</source>
        <translation>gatehouse-proxy: 管理端口 %1：%2</translation>
    </message>
    <message>
        <source>not active (unsupported yet): %1</source>
        <translation>未生效（尚不支持）：%1</translation>
    </message>
    <message>
        <source>running version %1 of %2</source>
        <translation>正在运行 %2 的版本 %1</translation>
    </message>
    <message>
        <source>version %1 not applied, the running config stays: %2</source>
        <translation>未应用版本 %1，继续使用当前运行的配置：%2</translation>
    </message>
    <message>
        <source>pulling %1 every %2 ms</source>
        <translation>每 %2 ms 拉取一次 %1</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::Puller</name>
    <message>
        <source>config.json is not JSON</source>
        <translation>config.json 不是有效的 JSON</translation>
    </message>
    <message>
        <source>config.json has errors</source>
        <translation>config.json 有错误</translation>
    </message>
    <message>
        <source>HEAD %1: %2</source>
        <translation>HEAD %1：%2</translation>
    </message>
    <message>
        <source>download failed, keeping version %1: %2</source>
        <translation>下载失败，保持版本 %1：%2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>cannot store version %1: %2</source>
        <translation>无法保存版本 %1：%2</translation>
    </message>
    <message>
        <source>version %1 rejected, keeping %2: %3</source>
        <translation>版本 %1 被拒绝，保持版本 %2：%3</translation>
    </message>
    <message>
        <source>now running version %1 from %2</source>
        <translation>现在运行的是来自 %2 的版本 %1</translation>
    </message>
    <message>
        <source>cannot read version %1: %2</source>
        <translation>无法读取版本 %1：%2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::RepoCommand</name>
    <message>
        <source>Bearer token for a Gatehouse repo (default: $GATEHOUSE_REPO_TOKEN).</source>
        <translation>Gatehouse 仓库的 Bearer 令牌（默认：$GATEHOUSE_REPO_TOKEN）。</translation>
    </message>
    <message>
        <source>Seconds to wait for each answer (default 10).</source>
        <translation>等待每个响应的秒数（默认 10）。</translation>
    </message>
    <message>
        <source>Directory of the publish log for remote targets (default: $GATEHOUSE_PUBLISH_LOG_DIR, else beside the settings).</source>
        <translation>远程目标的发布日志目录（默认：$GATEHOUSE_PUBLISH_LOG_DIR，未设置时位于设置文件旁）。</translation>
    </message>
    <message>
        <source>%1 holds no version yet</source>
        <translation>%1 中还没有任何版本</translation>
    </message>
    <message>
        <source>%1 already holds this content at version %2; nothing written.</source>
        <translation>%1 的版本 %2 已包含此内容；未写入任何内容。</translation>
    </message>
    <message>
        <source>published version %1 to %2 (previous: %3; %4 written, %5 deleted)</source>
        <translation>已将版本 %1 发布到 %2（上一版本：%3；写入 %4 个文件，删除 %5 个文件）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>instances on version %1: %2</source>
        <translation>处于版本 %1 的实例：%2</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>instances not yet updated: %1</source>
        <translation>尚未更新的实例：%1</translation>
    </message>
    <message>
        <source>publish to %1 failed: %2</source>
        <translation>发布到 %1 失败：%2</translation>
    </message>
    <message>
        <source>written (not committed): %1</source>
        <translation>已写入（未提交）：%1</translation>
    </message>
    <message>
        <source>deleted (not committed): %1</source>
        <translation>已删除（未提交）：%1</translation>
    </message>
    <message>
        <source>not written: %1</source>
        <translation>未写入：%1</translation>
    </message>
    <message>
        <source>%1 has errors; nothing was published.</source>
        <translation>%1 有错误；未发布任何内容。</translation>
    </message>
    <message>
        <source>your config compared with version %1 on the target:</source>
        <translation>本地配置与目标上版本 %1 的对比：</translation>
    </message>
    <message>
        <source>no difference in config.json</source>
        <translation>config.json 没有差异</translation>
    </message>
    <message>
        <source>warning: published, but the publish log was not written: %1</source>
        <translation>警告：已发布，但未写入发布日志：%1</translation>
    </message>
    <message>
        <source>--if-version: %1 is not a version number</source>
        <translation>--if-version：%1 不是版本号</translation>
    </message>
    <message>
        <source>Publish a config.json (and the static files of its relative ServerRoots) to a local repo directory or a Pipy repo codebase URL.</source>
        <translation>将 config.json（以及其中相对路径 ServerRoot 下的静态文件）发布到本地仓库目录或 Pipy 仓库的代码库 URL。</translation>
    </message>
    <message>
        <source>The config.json to publish.</source>
        <translation>要发布的 config.json。</translation>
    </message>
    <message>
        <source>Target: a directory or http://host:6060/repo/&lt;codebase&gt;/.</source>
        <translation>目标：目录或 http://host:6060/repo/&lt;codebase&gt;/。</translation>
    </message>
    <message>
        <source>What this version changes.</source>
        <translation>此版本的变更说明。</translation>
    </message>
    <message>
        <source>Refuse (exit 4) unless the target is at version N.</source>
        <translation>除非目标处于版本 N，否则拒绝执行（退出码 4）。</translation>
    </message>
    <message>
        <source>Create a missing codebase derived from this one (e.g. /base/fgw).</source>
        <translation>代码库不存在时，以此代码库为基础派生创建（例如 /base/fgw）。</translation>
    </message>
    <message>
        <source>Remote targets: wait up to SECONDS until every instance reports the new version.</source>
        <translation>远程目标：最多等待 SECONDS 秒，直到所有实例都报告新版本。</translation>
    </message>
    <message>
        <source>publish: give one FILE and --to TARGET.</source>
        <translation>publish：请指定一个 FILE 和 --to TARGET。</translation>
    </message>
    <message>
        <source>Download the current config of a target. Without -o, config.json goes to stdout; with -o FILE, static files are written beside FILE under static/.</source>
        <translation>下载目标的当前配置。不带 -o 时，config.json 输出到 stdout；带 -o FILE 时，静态文件写入 FILE 旁边的 static/ 下。</translation>
    </message>
    <message>
        <source>A directory or a codebase URL.</source>
        <translation>目录或代码库 URL。</translation>
    </message>
    <message>
        <source>Write config.json here.</source>
        <translation>将 config.json 写入此处。</translation>
    </message>
    <message>
        <source>pull: give one TARGET.</source>
        <translation>pull：请指定一个 TARGET。</translation>
    </message>
    <message>
        <source>pull from %1 failed: %2</source>
        <translation>从 %1 拉取失败：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>pulled version %1 from %2 (%n file(s))</source>
        <translation><numerusform>已从 %2 拉取版本 %1（%n 个文件）</numerusform></translation>
    </message>
    <message>
        <source>List the versions of a target: a local repo's versions, or for a remote target the publishes recorded in Gatehouse's publish log. One line each: VERSION TIME HASH MESSAGE; '*' marks a local repo's current version.</source>
        <translation>列出目标的版本：本地仓库的版本，或远程目标在 Gatehouse 发布日志中记录的各次发布。每行一条：VERSION TIME HASH MESSAGE；'*' 标记本地仓库的当前版本。</translation>
    </message>
    <message>
        <source>history: give one TARGET.</source>
        <translation>history：请指定一个 TARGET。</translation>
    </message>
    <message>
        <source>no publish to %1 recorded</source>
        <translation>没有发布到 %1 的记录</translation>
    </message>
    <message>
        <source>Publish an earlier version again, as a new version.</source>
        <translation>将较早的版本作为新版本重新发布。</translation>
    </message>
    <message>
        <source>The version to publish again.</source>
        <translation>要重新发布的版本。</translation>
    </message>
    <message>
        <source>Message of the new version.</source>
        <translation>新版本的说明。</translation>
    </message>
    <message>
        <source>rollback: give TARGET and VERSION.</source>
        <translation>rollback：请指定 TARGET 和 VERSION。</translation>
    </message>
    <message>
        <source>rollback to version %1</source>
        <translation>回滚到版本 %1</translation>
    </message>
    <message>
        <source>version %1 of %2 is unknown (see 'gatehouse-proxy history')</source>
        <translation>%2 的版本 %1 未知（参见 'gatehouse-proxy history'）</translation>
    </message>
    <message>
        <source>Serve a Pipy-compatible repo (REST API, manifests, worker status, admin links). Codebases are kept in --data; with --token every request needs 'Authorization: Bearer TOKEN'.</source>
        <translation>提供兼容 Pipy 的仓库服务（REST API、清单、工作节点状态、管理链接）。代码库保存在 --data 中；指定 --token 时，每个请求都需要带有 'Authorization: Bearer TOKEN'。</translation>
    </message>
    <message>
        <source>Address and port (default 127.0.0.1:6060).</source>
        <translation>地址和端口（默认 127.0.0.1:6060）。</translation>
    </message>
    <message>
        <source>Directory that keeps the codebases.</source>
        <translation>存放代码库的目录。</translation>
    </message>
    <message>
        <source>Require this bearer token.</source>
        <translation>要求使用此 Bearer 令牌。</translation>
    </message>
    <message>
        <source>repo: give --data DIR.</source>
        <translation>repo：请指定 --data DIR。</translation>
    </message>
    <message>
        <source>repo: --listen %1 is not ADDR:PORT</source>
        <translation>repo：--listen %1 不是 ADDR:PORT 格式</translation>
    </message>
    <message>
        <source>repo: cannot serve on %1: %2</source>
        <translation>repo：无法在 %1 上提供服务：%2</translation>
    </message>
    <message>
        <source>repo listening on %1:%2, data in %3</source>
        <translation>仓库正在监听 %1:%2，数据位于 %3</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::RepoTarget</name>
    <message>
        <source>%1 is not a codebase URL like http://host:6060/repo/local/fgw/</source>
        <translation>%1 不是形如 http://host:6060/repo/local/fgw/ 的代码库 URL</translation>
    </message>
    <message>
        <source>%1 names no codebase</source>
        <translation>%1 未指明代码库</translation>
    </message>
    <message>
        <source>no target given</source>
        <translation>未指定目标</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::RouteExplainer</name>
    <message>
        <source>any path</source>
        <translation>任意路径</translation>
    </message>
    <message>
        <source>unknown path type</source>
        <translation>未知的路径类型</translation>
    </message>
    <message>
        <source>match #%1 (%2)</source>
        <translation>匹配 #%1（%2）</translation>
    </message>
    <message>
        <source>takes the request</source>
        <translation>接收该请求</translation>
    </message>
    <message>
        <source>method %1 is not one of %2</source>
        <translation>方法 %1 不在 %2 之中</translation>
    </message>
    <message>
        <source>path %1 is not exactly %2</source>
        <translation>路径 %1 与 %2 不完全相同</translation>
    </message>
    <message>
        <source>%1 starts with %2 but not at a segment boundary (FGW: "/path" matches "/path/x", not "/pathx")</source>
        <translation>%1 以 %2 开头，但不在路径段边界上（FGW："/path" 匹配 "/path/x"，不匹配 "/pathx"）</translation>
    </message>
    <message>
        <source>path %1 does not start with %2</source>
        <translation>路径 %1 不以 %2 开头</translation>
    </message>
    <message>
        <source>path %1 does not match the regular expression %2</source>
        <translation>路径 %1 不匹配正则表达式 %2</translation>
    </message>
    <message>
        <source>its Path.Type is unknown, so FGW never matches it</source>
        <translation>其 Path.Type 未知，因此 FGW 永远不会匹配它</translation>
    </message>
    <message>
        <source>header %1 does not match %2</source>
        <translation>请求头 %1 不匹配 %2</translation>
    </message>
    <message>
        <source>header %1 is not "%2"</source>
        <translation>请求头 %1 不是 "%2"</translation>
    </message>
    <message>
        <source>query parameter %1 does not match %2</source>
        <translation>查询参数 %1 不匹配 %2</translation>
    </message>
    <message>
        <source>query parameter %1 is not "%2"</source>
        <translation>查询参数 %1 不是 "%2"</translation>
    </message>
    <message>
        <source>listener :%1</source>
        <translation>监听器 :%1</translation>
    </message>
    <message>
        <source>no listener has "Port": %1</source>
        <translation>没有监听器的 "Port" 为 %1</translation>
    </message>
    <message>
        <source>Nothing listens there: the connection is refused.</source>
        <translation>该端口没有监听：连接被拒绝。</translation>
    </message>
    <message>
        <source>%1, bound to %2</source>
        <translation>%1，绑定到 %2</translation>
    </message>
    <message>
        <source>host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>the request has no Host header, which never matches</source>
        <translation>请求没有 Host 头，永远不会匹配</translation>
    </message>
    <message>
        <source>404 Not found</source>
        <translation>404 Not found</translation>
    </message>
    <message>
        <source>host %1</source>
        <translation>主机 %1</translation>
    </message>
    <message>
        <source>equals %1</source>
        <translation>等于 %1</translation>
    </message>
    <message>
        <source>matches every host</source>
        <translation>匹配所有主机</translation>
    </message>
    <message>
        <source>%1 ends with %2</source>
        <translation>%1 以 %2 结尾</translation>
    </message>
    <message>
        <source>%1 does not end with %2</source>
        <translation>%1 不以 %2 结尾</translation>
    </message>
    <message>
        <source>StripAnyHostPort</source>
        <translation>StripAnyHostPort</translation>
    </message>
    <message>
        <source>no host matched; trying %1 without its port</source>
        <translation>没有匹配的主机；去掉端口后重试 %1</translation>
    </message>
    <message>
        <source>RouteRules has no hosts for port %1</source>
        <translation>RouteRules 中没有端口 %1 的主机</translation>
    </message>
    <message>
        <source>exact hosts</source>
        <translation>精确主机</translation>
    </message>
    <message>
        <source>none is %1 (the Host header, with its port)</source>
        <translation>没有一个是 %1（Host 头，含端口）</translation>
    </message>
    <message>
        <source>404 Not found: no match takes it</source>
        <translation>404 Not found：没有匹配项接收它</translation>
    </message>
    <message>
        <source>static files</source>
        <translation>静态文件</translation>
    </message>
    <message>
        <source>served from the match's ServerRoot</source>
        <translation>由该匹配的 ServerRoot 提供</translation>
    </message>
    <message>
        <source>Served as a static file.</source>
        <translation>作为静态文件提供。</translation>
    </message>
    <message>
        <source>404 Not found: the match names no service with a weight above 0</source>
        <translation>404 Not found：该匹配没有权重大于 0 的服务</translation>
    </message>
    <message>
        <source>service %1</source>
        <translation>服务 %1</translation>
    </message>
    <message>
        <source>weight %1: %2% of the requests</source>
        <translation>权重 %1：占请求的 %2%</translation>
    </message>
    <message>
        <source>backup (weight 0): used only when no other endpoint can be</source>
        <translation>备用（权重 0）：仅在没有其他端点可用时使用</translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation>权重 %1</translation>
    </message>
    <message>
        <source>unhealthy: skipped</source>
        <translation>不健康：已跳过</translation>
    </message>
    <message>
        <source>- the sticky cookie pins the request here</source>
        <translation>- 会话保持 Cookie 将请求固定到此处</translation>
    </message>
    <message>
        <source>- the sticky cookie names it, but it is unhealthy: another endpoint is chosen and a new cookie issued</source>
        <translation>- 会话保持 Cookie 指向它，但它不健康：将选择其他端点并签发新的 Cookie</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n usable endpoint(s))</source>
        <translation><numerusform>%1（%n 个可用端点）</numerusform></translation>
    </message>
    <message>
        <source>Proxied to %1.</source>
        <translation>代理到 %1。</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::RunCommand</name>
    <message>
        <source>gatehouse-proxy: cannot read %1: %2</source>
        <translation>gatehouse-proxy: 无法读取 %1：%2</translation>
    </message>
    <message>
        <source>gatehouse-proxy demo: cannot start the backends on 8081/8082: %1</source>
        <translation>gatehouse-proxy demo: 无法在 8081/8082 上启动后端：%1</translation>
    </message>
    <message>
        <source>demo backends on 127.0.0.1:8081 and 127.0.0.1:8082, static root %1</source>
        <translation>演示后端位于 127.0.0.1:8081 和 127.0.0.1:8082，静态根目录为 %1</translation>
    </message>
    <message>
        <source>try: curl localhost:8000/hi ; curl localhost:8080/</source>
        <translation>试试：curl localhost:8000/hi ; curl localhost:8080/</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::ChartsView</name>
    <message>
        <source>Traffic of:</source>
        <translation>显示流量：</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>所有服务</translation>
    </message>
    <message>
        <source>Requests per second</source>
        <translation>每秒请求数</translation>
    </message>
    <message>
        <source>Error rate (%)</source>
        <translation>错误率（%）</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>延迟（ms）</translation>
    </message>
    <message>
        <source>requests/s</source>
        <translation>请求/秒</translation>
    </message>
    <message>
        <source>5xx and failed, %</source>
        <translation>5xx 及失败请求，%</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::ConfigEditor</name>
    <message>
        <source>Quick fix: %1</source>
        <translation>快速修复：%1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::EndpointHealthModel</name>
    <message>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>unhealthy</source>
        <translation>不健康</translation>
    </message>
    <message>
        <source>disabled by operator</source>
        <translation>已被操作员禁用</translation>
    </message>
    <message>
        <source>OK (%1)</source>
        <translation>正常（%1）</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>status %1 not accepted</source>
        <translation>状态码 %1 不在可接受范围内</translation>
    </message>
    <message>
        <source>body mismatch</source>
        <translation>响应体不匹配</translation>
    </message>
    <message>
        <source>header mismatch</source>
        <translation>响应头不匹配</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>connection reset</source>
        <translation>连接被重置</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>cannot connect</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>not an HTTP response</source>
        <translation>不是 HTTP 响应</translation>
    </message>
    <message>
        <source>back after FailTimeout</source>
        <translation>FailTimeout 后恢复</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>%1 of %2 usable</source>
        <translation>%1/%2 可用</translation>
    </message>
    <message>
        <source>Last probe at %1</source>
        <translation>上次探测于 %1</translation>
    </message>
    <message>
        <source>no active check</source>
        <translation>无主动检查</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>0 (backup)</source>
        <translation>0（备用）</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1（%2%）</translation>
    </message>
    <message>
        <source>%1% (%2)</source>
        <translation>%1%（%2）</translation>
    </message>
    <message>
        <source>Service / endpoint</source>
        <translation>服务 / 端点</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last probe</source>
        <translation>上次探测</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失败次数</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>流量占比</translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation>最近 5 分钟</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::EngineSession</name>
    <message>
        <source>The demo backend cannot listen on port %1.</source>
        <translation>演示后端无法监听端口 %1。</translation>
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
        <translation><numerusform>已替换 %n 处</numerusform></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::HealthView</name>
    <message>
        <source>Enable Endpoint</source>
        <translation>启用端点</translation>
    </message>
    <message>
        <source>Disable Endpoint</source>
        <translation>禁用端点</translation>
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
    <message>
        <source>Applied: %1</source>
        <translation>已应用：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation><numerusform>%n 个错误</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation><numerusform>%n 个警告</numerusform></translation>
    </message>
    <message>
        <source>No legacy keys to migrate.</source>
        <translation>没有需要迁移的旧版键。</translation>
    </message>
    <message numerus="yes">
        <source>Migrated %n legacy key(s).</source>
        <translation><numerusform>已迁移 %n 个旧版键。</numerusform></translation>
    </message>
    <message>
        <source>&amp;Migrate Legacy Keys</source>
        <translation>迁移旧版键(&amp;M)</translation>
    </message>
    <message>
        <source>Rewrite old FGW config shapes (HealthCheck.Uri, RetryPolicy, ...) to the current ones</source>
        <translation>将旧版 FGW 配置格式（HealthCheck.Uri、RetryPolicy 等）改写为当前格式</translation>
    </message>
    <message>
        <source>Inline &amp;Diagnostics</source>
        <translation>行内诊断(&amp;D)</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <source>Request Log</source>
        <translation>请求日志</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Endpoint Health</source>
        <translation>端点健康状况</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Run config</source>
        <translation>运行配置</translation>
    </message>
    <message numerus="yes">
        <source>The config has %n error(s); it was not applied and the running config keeps serving.</source>
        <translation><numerusform>配置有 %n 个错误；该配置未应用，当前运行的配置继续提供服务。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The config has %n error(s); fix them to run it.</source>
        <translation><numerusform>配置有 %n 个错误；请修正后再运行。</numerusform></translation>
    </message>
    <message>
        <source>Apply config</source>
        <translation>应用配置</translation>
    </message>
    <message>
        <source>The new config was not applied; the running config keeps serving.

%1</source>
        <translation>新配置未应用；当前运行的配置继续提供服务。

%1</translation>
    </message>
    <message>
        <source>The engine could not start.

%1</source>
        <translation>引擎无法启动。

%1</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>运行中：%1</translation>
    </message>
    <message>
        <source>Applied without dropping connections.</source>
        <translation>已应用，未断开任何连接。</translation>
    </message>
    <message>
        <source>Engine started.</source>
        <translation>引擎已启动。</translation>
    </message>
    <message>
        <source>Not active in this engine yet: %1.</source>
        <translation>在此引擎中尚未生效：%1。</translation>
    </message>
    <message>
        <source>E&amp;ngine</source>
        <translation>引擎(&amp;N)</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the config in the embedded engine (F5)</source>
        <translation>在内置引擎中运行配置 (F5)</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Hot-reload the running engine with this config, without dropping connections (Ctrl+Shift+R)</source>
        <translation>使用此配置热加载正在运行的引擎，不断开连接 (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Port(s) %1 of the demo are in use on this machine. Run the demo on free ports instead?</source>
        <translation>本机上演示所用的端口 %1 已被占用。要改用空闲端口运行演示吗？</translation>
    </message>
    <message>
        <source>Demo running: proxy on port %1, static site on port %2, backends on %3 and %4.</source>
        <translation>演示运行中：代理位于端口 %1，静态站点位于端口 %2，后端位于 %3 和 %4。</translation>
    </message>
    <message>
        <source>Route Tester</source>
        <translation>路由测试器</translation>
    </message>
    <message>
        <source>The config that handled this request is no longer known.</source>
        <translation>处理此请求的配置已不再可知。</translation>
    </message>
    <message>
        <source>The editor text changed since this config was applied, so the rule's place in it is not known. Run the config again to jump to rules.</source>
        <translation>自应用此配置以来编辑器中的文本已更改，因此无法确定该规则在其中的位置。请重新运行配置以跳转到规则。</translation>
    </message>
    <message numerus="yes">
        <source>Engine started, but %n listener(s) could not listen: %1</source>
        <translation><numerusform>引擎已启动，但有 %n 个监听器无法监听：%1</numerusform></translation>
    </message>
    <message>
        <source>Listener %1 (%2) is not listening: %3</source>
        <translation>监听器 %1（%2）未在监听：%3</translation>
    </message>
    <message numerus="yes">
        <source>%n listener(s) not listening</source>
        <translation><numerusform>%n 个监听器未在监听</numerusform></translation>
    </message>
    <message>
        <source>&amp;Publish...</source>
        <translation>发布(&amp;P)...</translation>
    </message>
    <message>
        <source>Publish the config to a local repo directory or a Pipy repo, after reviewing the diff</source>
        <translation>查看差异后，将配置发布到本地仓库目录或 Pipy 仓库</translation>
    </message>
    <message>
        <source>Publish &amp;History...</source>
        <translation>发布历史(&amp;H)...</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::OutlineModel</name>
    <message>
        <source>Listeners</source>
        <translation>Listeners</translation>
    </message>
    <message numerus="yes">
        <source>%n listener(s)</source>
        <translation><numerusform>%n 个监听器</numerusform></translation>
    </message>
    <message>
        <source>%1, binds %2</source>
        <translation>%1，绑定 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation><numerusform>%n 个匹配</numerusform></translation>
    </message>
    <message>
        <source>any path</source>
        <translation>任意路径</translation>
    </message>
    <message>
        <source>headers</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>query</source>
        <translation>查询参数</translation>
    </message>
    <message numerus="yes">
        <source>%n filter(s)</source>
        <translation><numerusform>%n 个过滤器</numerusform></translation>
    </message>
    <message>
        <source>static files</source>
        <translation>静态文件</translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation>权重 %1</translation>
    </message>
    <message>
        <source>weight %1 · no such service</source>
        <translation>权重 %1 · 无此服务</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation><numerusform>%n 个服务</numerusform></translation>
    </message>
    <message>
        <source>round robin</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>client IP hash</source>
        <translation>客户端 IP 哈希</translation>
    </message>
    <message>
        <source>least connections</source>
        <translation>最少连接</translation>
    </message>
    <message>
        <source>sticky %1</source>
        <translation>会话保持 %1</translation>
    </message>
    <message>
        <source>health GET %1</source>
        <translation>健康检查 GET %1</translation>
    </message>
    <message>
        <source>health TCP</source>
        <translation>健康检查 TCP</translation>
    </message>
    <message>
        <source>backup (weight 0)</source>
        <translation>备用（权重 0）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::ProblemsModel</name>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Line %1, column %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <source>%1
Quick fix: %2</source>
        <translation>%1
快速修复：%2</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::PublishController</name>
    <message>
        <source>Choose a repo directory.</source>
        <translation>请选择仓库目录。</translation>
    </message>
    <message>
        <source>Enter the repo's URL, such as http://127.0.0.1:6060.</source>
        <translation>请输入仓库的 URL，例如 http://127.0.0.1:6060。</translation>
    </message>
    <message>
        <source>Enter a codebase name, such as /local/fgw.</source>
        <translation>请输入代码库名称，例如 /local/fgw。</translation>
    </message>
    <message>
        <source>%1 did not answer like a Pipy repo</source>
        <translation>%1 的响应不像 Pipy 仓库</translation>
    </message>
    <message>
        <source>editor/config.json</source>
        <translation>编辑器/config.json</translation>
    </message>
    <message>
        <source>%1: added</source>
        <translation>%1：已添加</translation>
    </message>
    <message>
        <source>%1: changed</source>
        <translation>%1：已更改</translation>
    </message>
    <message>
        <source>%1: removed</source>
        <translation>%1：已删除</translation>
    </message>
    <message>
        <source>%1 is not a version number</source>
        <translation>%1 不是版本号</translation>
    </message>
    <message>
        <source>The publish log was not written: %1</source>
        <translation>发布日志未写入：%1</translation>
    </message>
    <message>
        <source>version %1 is not in the publish log</source>
        <translation>发布日志中没有版本 %1</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>rollback to version %1</source>
        <translation>回滚到版本 %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::PublishDialog</name>
    <message>
        <source>Choose a Repo Directory</source>
        <translation>选择仓库目录</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>&amp;Recent:</source>
        <translation>最近(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Local repo directory</source>
        <translation>本地仓库目录(&amp;L)</translation>
    </message>
    <message>
        <source>Pipy re&amp;po (HTTP)</source>
        <translation>Pipy 仓库 (HTTP)(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Directory:</source>
        <translation>目录(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>浏览(&amp;B)...</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <source>Code&amp;base:</source>
        <translation>代码库(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>optional bearer token</source>
        <translation>可选的 Bearer 令牌</translation>
    </message>
    <message>
        <source>Remember the token (kept in plain text in the settings)</source>
        <translation>记住令牌（以明文保存在设置中）</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>The config has errors and cannot be published. Fix them in the editor:</source>
        <translation>配置有错误，无法发布。请在编辑器中修正：</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>说明(&amp;M)：</translation>
    </message>
    <message>
        <source>what this version changes (optional)</source>
        <translation>此版本改了什么（可选）</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Published (UTC)</source>
        <translation>发布时间 (UTC)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <source>Diff with Previous</source>
        <translation>与上一版本的差异</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Roll &amp;Back to This Version...</source>
        <translation>回滚到此版本(&amp;B)...</translation>
    </message>
    <message>
        <source>&amp;Open in Editor</source>
        <translation>在编辑器中打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <source>Read what the target publishes now and compare the editor's config with it</source>
        <translation>读取目标当前发布的内容，并与编辑器中的配置进行比较</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <source>Press Compare to read what the target publishes now.</source>
        <translation>按“比较”读取目标当前发布的内容。</translation>
    </message>
    <message>
        <source>(no recent targets)</source>
        <translation>（没有最近的目标）</translation>
    </message>
    <message>
        <source>(choose a recent target)</source>
        <translation>（选择最近的目标）</translation>
    </message>
    <message>
        <source>Reading what %1 publishes...</source>
        <translation>正在读取 %1 发布的内容...</translation>
    </message>
    <message>
        <source>Cannot read %1: %2. Nothing was written.</source>
        <translation>无法读取 %1：%2。未写入任何内容。</translation>
    </message>
    <message>
        <source>%1 version %2</source>
        <translation>%1 版本 %2</translation>
    </message>
    <message>
        <source>(nothing published)</source>
        <translation>（尚未发布）</translation>
    </message>
    <message>
        <source>%1 publishes version %2.</source>
        <translation>%1 当前发布的是版本 %2。</translation>
    </message>
    <message>
        <source>%1 publishes nothing yet; publishing creates its first version.</source>
        <translation>%1 尚未发布任何内容；发布将创建其第一个版本。</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <source>static files: %1</source>
        <translation>静态文件：%1</translation>
    </message>
    <message numerus="yes">
        <source>The config has %n error(s); it cannot be published.</source>
        <translation><numerusform>配置有 %n 个错误，无法发布。</numerusform></translation>
    </message>
    <message>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The target already publishes exactly this content. Publishing again stores it as a new version.</source>
        <translation>目标当前发布的内容与此完全相同。再次发布会将其保存为新版本。</translation>
    </message>
    <message>
        <source>No change in meaning (the text may differ in layout).</source>
        <translation>含义没有变化（文本的排版可能不同）。</translation>
    </message>
    <message>
        <source>The texts are identical.</source>
        <translation>文本完全相同。</translation>
    </message>
    <message>
        <source>Publishing to %1...</source>
        <translation>正在发布到 %1...</translation>
    </message>
    <message>
        <source>Rolled back: %1 now publishes version %2 (previous: %3).</source>
        <translation>已回滚：%1 现在发布版本 %2（之前：%3）。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Published version %1 to %2 (previous: %3).</source>
        <translation>已将版本 %1 发布到 %2（之前：%3）。</translation>
    </message>
    <message>
        <source>Instances on the new version: %1; not yet: %2.</source>
        <translation>已使用新版本的实例：%1；尚未更新：%2。</translation>
    </message>
    <message>
        <source>Not rolled back: %1.</source>
        <translation>未回滚：%1。</translation>
    </message>
    <message>
        <source>Not published: %1.</source>
        <translation>未发布：%1。</translation>
    </message>
    <message>
        <source>Nothing was committed: the target still publishes the version it had; these changes were left as uncommitted edits: %1.</source>
        <translation>未提交任何内容：目标仍发布原来的版本；以下更改作为未提交的编辑保留：%1。</translation>
    </message>
    <message>
        <source>The target was left as it was.</source>
        <translation>目标保持原样。</translation>
    </message>
    <message>
        <source>Someone else published since version %1 was compared: the changes below are now against the target's new version; review them and publish again.</source>
        <translation>比较版本 %1 之后有其他人发布了新版本：下面的变更现在是相对于目标的新版本；请检查后重新发布。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1（当前）</translation>
    </message>
    <message>
        <source>Cannot read the history of %1: %2</source>
        <translation>无法读取 %1 的历史：%2</translation>
    </message>
    <message>
        <source>No publish to %1 is recorded in this computer's publish log.</source>
        <translation>本机的发布日志中没有发布到 %1 的记录。</translation>
    </message>
    <message>
        <source>%1 holds no version yet.</source>
        <translation>%1 还没有任何版本。</translation>
    </message>
    <message>
        <source>Same text as the version before.</source>
        <translation>与上一版本的文本相同。</translation>
    </message>
    <message>
        <source>Roll Back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>Roll %1 back to version %2?</source>
        <translation>将 %1 回滚到版本 %2？</translation>
    </message>
    <message>
        <source>The content of version %1 is published again as a new version; the versions in between stay in the history.</source>
        <translation>版本 %1 的内容将作为新版本再次发布；中间的版本仍保留在历史中。</translation>
    </message>
    <message>
        <source>Roll Back to Version %1</source>
        <translation>回滚到版本 %1</translation>
    </message>
    <message>
        <source>Rolling %1 back to version %2...</source>
        <translation>正在将 %1 回滚到版本 %2...</translation>
    </message>
    <message>
        <source>config.json (version %1 of %2)</source>
        <translation>config.json（%2 的版本 %1）</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::RequestFilter</name>
    <message>
        <source>A '-' must be followed by a term</source>
        <translation>'-' 之后必须跟一个条件</translation>
    </message>
    <message>
        <source>Unknown field "%1"; known: %2</source>
        <translation>未知字段 "%1"；可用字段：%2</translation>
    </message>
    <message>
        <source>"%1" needs a value</source>
        <translation>"%1" 需要一个值</translation>
    </message>
    <message>
        <source>"%1" cannot be compared; use %1:pattern</source>
        <translation>"%1" 不能进行比较；请使用 %1:pattern</translation>
    </message>
    <message>
        <source>Not a duration: "%1" (e.g. 200ms, 1.5s)</source>
        <translation>不是有效的时长："%1"（例如 200ms、1.5s）</translation>
    </message>
    <message>
        <source>Not a number: "%1"</source>
        <translation>不是数字："%1"</translation>
    </message>
    <message>
        <source>Not a status range: "%1"</source>
        <translation>不是有效的状态码范围："%1"</translation>
    </message>
    <message>
        <source>Not a status: "%1" (e.g. 404, 5xx, 200-299)</source>
        <translation>不是有效的状态码："%1"（例如 404、5xx、200-299）</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::RequestLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Listener</source>
        <translation>监听器</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Bytes In</source>
        <translation>入站字节</translation>
    </message>
    <message>
        <source>Bytes Out</source>
        <translation>出站字节</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::RequestLogView</name>
    <message>
        <source>Filter: status:5xx host:api.* service:backendService1 dur&gt;200ms</source>
        <translation>过滤：status:5xx host:api.* service:backendService1 dur&gt;200ms</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop adding new requests to the log (they are counted)</source>
        <translation>停止向日志添加新请求（仍会计数）</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Keep the newest request in view</source>
        <translation>始终显示最新的请求</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Shown rows as HAR 1.2...</source>
        <translation>显示的行（HAR 1.2）...</translation>
    </message>
    <message>
        <source>Shown rows as CSV...</source>
        <translation>显示的行（CSV）...</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation><numerusform>%n 个请求</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation><numerusform>显示 %n 个</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n older dropped</source>
        <translation><numerusform>已丢弃 %n 个旧请求</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n not captured while paused</source>
        <translation><numerusform>暂停期间未记录 %n 个</numerusform></translation>
    </message>
    <message>
        <source>Status %1 · %2 · %3 → %4</source>
        <translation>状态 %1 · %2 · %3 → %4</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>耗时明细</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Request head parsed</source>
        <translation>请求头解析完成</translation>
    </message>
    <message>
        <source>Upstream connected</source>
        <translation>已连接上游</translation>
    </message>
    <message>
        <source>First upstream byte</source>
        <translation>收到上游首字节</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation>响应头</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>复制为 curl 命令</translation>
    </message>
    <message>
        <source>Reveal Rule in Editor</source>
        <translation>在编辑器中显示规则</translation>
    </message>
    <message>
        <source>Show Only %1</source>
        <translation>仅显示 %1</translation>
    </message>
    <message>
        <source>Hide %1</source>
        <translation>隐藏 %1</translation>
    </message>
    <message>
        <source>Export as HAR</source>
        <translation>导出为 HAR</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>导出为 CSV</translation>
    </message>
    <message>
        <source>HAR files (*.har)</source>
        <translation>HAR 文件 (*.har)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n not recorded (the log fell behind)</source>
        <translation><numerusform>%n 条未记录（日志跟不上）</numerusform></translation>
    </message>
    <message>
        <source>Cut at 4 KiB: the rest of the head is not kept.</source>
        <translation>已在 4 KiB 处截断：头部的其余部分未保留。</translation>
    </message>
    <message>
        <source>Headers are kept for the newest %L1 requests only.</source>
        <translation>仅为最新的 %L1 个请求保留标头。</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::RouteTesterView</name>
    <message>
        <source>Listener</source>
        <translation>监听器</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Static</source>
        <translation>静态</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>URL, e.g. http://localhost:8000/api/orders?id=1</source>
        <translation>URL，例如 http://localhost:8000/api/orders?id=1</translation>
    </message>
    <message>
        <source>Headers, one per line: Cookie: _srv_id=8153145845723989</source>
        <translation>请求头，每行一个：Cookie: _srv_id=8153145845723989</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Type a URL such as http://localhost:8000/path.</source>
        <translation>请输入 URL，例如 http://localhost:8000/path。</translation>
    </message>
    <message>
        <source>The config has errors; fix them to test routes.</source>
        <translation>配置有错误；请修复后再测试路由。</translation>
    </message>
    <message>
        <source>Sending...</source>
        <translation>正在发送...</translation>
    </message>
    <message>
        <source>No response: %1</source>
        <translation>无响应：%1</translation>
    </message>
    <message>
        <source>(only the first 64 KiB shown)</source>
        <translation>（仅显示前 64 KiB）</translation>
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
    <name>gatehouse-proxy</name>
    <message>
        <source>Validate FGW config.json files</source>
        <translation>校验 FGW config.json 文件</translation>
    </message>
    <message>
        <source>Publish a config to a repo</source>
        <translation>将配置发布到仓库</translation>
    </message>
    <message>
        <source>Download a repo's current config</source>
        <translation>下载仓库的当前配置</translation>
    </message>
    <message>
        <source>List a repo's versions</source>
        <translation>列出仓库的版本</translation>
    </message>
    <message>
        <source>Publish an earlier version again</source>
        <translation>重新发布较早的版本</translation>
    </message>
    <message>
        <source>Serve a Pipy-compatible repo</source>
        <translation>提供兼容 Pipy 的仓库服务</translation>
    </message>
    <message>
        <source>Run the engine with a config.json</source>
        <translation>使用 config.json 运行引擎</translation>
    </message>
    <message>
        <source>Run the seed article end to end</source>
        <translation>端到端运行示例文章中的全部步骤</translation>
    </message>
    <message numerus="yes">
        <source>engine running with %n worker thread(s)</source>
        <translation><numerusform>引擎正在运行，使用 %n 个工作线程</numerusform></translation>
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
</context>
</TS>
