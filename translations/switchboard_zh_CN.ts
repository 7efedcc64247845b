<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BrokerDashboard</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <source>Clients connected</source>
        <translation>已连接客户端</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>订阅数</translation>
    </message>
    <message>
        <source>Retained messages</source>
        <translation>保留消息</translation>
    </message>
    <message>
        <source>Messages/s in / out</source>
        <translation>消息/秒 入 / 出</translation>
    </message>
    <message>
        <source>Bytes/s in / out</source>
        <translation>字节/秒 入 / 出</translation>
    </message>
    <message>
        <source>Messages per second</source>
        <translation>每秒消息数</translation>
    </message>
    <message>
        <source>messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>Bytes per second</source>
        <translation>每秒字节数</translation>
    </message>
    <message>
        <source>bytes/s</source>
        <translation>字节/秒</translation>
    </message>
    <message>
        <source>Other $SYS topics</source>
        <translation>其他 $SYS 主题</translation>
    </message>
    <message>
        <source>No connection.</source>
        <translation>没有连接。</translation>
    </message>
    <message>
        <source>Connect to see what the broker publishes about itself on $SYS.</source>
        <translation>连接后即可查看服务器在 $SYS 上发布的自身信息。</translation>
    </message>
    <message>
        <source>Waiting for the broker&apos;s $SYS topics…</source>
        <translation>正在等待服务器的 $SYS 主题…</translation>
    </message>
    <message>
        <source>The broker refused the subscription to $SYS/#: its access control may allow $SYS only to some clients.</source>
        <translation>服务器拒绝了对 $SYS/# 的订阅：其访问控制可能只允许部分客户端订阅 $SYS。</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>mosquitto&apos;s $SYS/broker tree</source>
        <translation>mosquitto 的 $SYS/broker 主题树</translation>
    </message>
    <message>
        <source>EMQX node %1</source>
        <translation>EMQX 节点 %1</translation>
    </message>
    <message>
        <source>1-minute load: %1 messages/min in, %2 out</source>
        <translation>1 分钟负载：入 %1 条消息/分钟，出 %2</translation>
    </message>
    <message>
        <source>in</source>
        <translation>入</translation>
    </message>
    <message>
        <source>out</source>
        <translation>出</translation>
    </message>
    <message numerus="yes">
        <source>This broker publishes no $SYS topics: nothing came within %Ln second(s) of subscribing to $SYS/#.
mosquitto publishes them every sys_interval seconds (10 by default, 0 turns them off); EMQX every minute, to clients on its own host by default.</source>
        <translation>
            <numerusform>此服务器不发布 $SYS 主题：订阅 $SYS/# 后 %Ln 秒内没有收到任何消息。
mosquitto 每隔 sys_interval 秒发布一次（默认 10 秒，设为 0 则关闭）；EMQX 每分钟发布一次，默认只发给与其同一主机上的客户端。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BrokerDashboardDock</name>
    <message>
        <source>Broker dashboard</source>
        <translation>服务器仪表盘</translation>
    </message>
    <message>
        <source>&amp;Broker dashboard</source>
        <translation>服务器仪表盘(&amp;B)</translation>
    </message>
    <message>
        <source>What the broker publishes about itself on $SYS: clients, subscriptions, messages and bytes per second</source>
        <translation>服务器在 $SYS 上发布的自身信息：客户端、订阅、每秒消息数和字节数</translation>
    </message>
</context>
<context>
    <name>BrokerStats</name>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>%1 d %2 h %3 min</source>
        <translation>%1 天 %2 小时 %3 分</translation>
    </message>
    <message>
        <source>%1 h %2 min %3 s</source>
        <translation>%1 小时 %2 分 %3 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>Capture</name>
    <message>
        <source>&quot;%1&quot; and &quot;%2&quot; are both given</source>
        <translation>“%1”和“%2”不能同时给出</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string</source>
        <translation>“%1”必须是字符串</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a Base64 string</source>
        <translation>“%1”必须是 Base64 字符串</translation>
    </message>
    <message>
        <source>not valid JSON: %1 (at column %2)</source>
        <translation>不是有效的 JSON：%1（第 %2 列）</translation>
    </message>
    <message>
        <source>a line must hold one JSON object</source>
        <translation>每一行必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from %2 to %3</source>
        <translation>“%1”必须是 %2 到 %3 之间的整数</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object</source>
        <translation>“%1”必须是对象</translation>
    </message>
    <message>
        <source>unknown property &quot;%1&quot;</source>
        <translation>未知属性“%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an array of numbers</source>
        <translation>“%1”必须是数字数组</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an array of [name, value] pairs</source>
        <translation>“%1”必须是 [名称, 值] 对的数组</translation>
    </message>
    <message>
        <source>not a Switchboard capture: the first line must say &quot;format&quot;: &quot;%1&quot;</source>
        <translation>不是 Switchboard 录制文件：第一行必须写明 &quot;format&quot;: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; is missing</source>
        <translation>缺少字段“%1”</translation>
    </message>
    <message>
        <source>format version %1 is not supported (this Switchboard reads version %2)</source>
        <translation>不支持格式版本 %1（此 Switchboard 读取版本 %2）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a date and time as in 2026-01-31T12:00:00.000Z</source>
        <translation>“%1”必须是日期时间，例如 2026-01-31T12:00:00.000Z</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true or false</source>
        <translation>“%1”必须是 true 或 false</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be &quot;%2&quot; when given</source>
        <translation>给出“%1”时其值必须是“%2”</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1，第 %2 行：%3</translation>
    </message>
</context>
<context>
    <name>Capture::Replayer</name>
    <message>
        <source>the connection closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <source>the connection closed: %1</source>
        <translation>连接已关闭：%1</translation>
    </message>
    <message>
        <source>the speed must be a number above 0</source>
        <translation>速度必须是大于 0 的数</translation>
    </message>
    <message>
        <source>the topic prefix &quot;%1&quot; cannot start a topic: %2</source>
        <translation>主题前缀“%1”不能作为主题的开头：%2</translation>
    </message>
    <message>
        <source>a replay is already running</source>
        <translation>已有回放正在进行</translation>
    </message>
    <message>
        <source>the connection is not up</source>
        <translation>连接尚未建立</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1，第 %2 行：%3</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) refused, the last: %1</source>
        <translation>
            <numerusform>%Ln 条消息被拒绝，最后一条：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChartDock</name>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Chart this</source>
        <translation>绘制图表</translation>
    </message>
</context>
<context>
    <name>ChartPane</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Freeze the chart; points keep being collected</source>
        <translation>冻结图表；数据点仍会继续收集</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>Drag a rectangle or turn the wheel over the chart to zoom</source>
        <translation>在图表上拖出矩形或滚动滚轮以缩放</translation>
    </message>
    <message>
        <source>Remove series</source>
        <translation>移除序列</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Span:</source>
        <translation>时间跨度：</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 分钟</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 分钟</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>All points</source>
        <translation>全部数据点</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>There is nothing to export.</source>
        <translation>没有可导出的内容。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Export chart data</source>
        <translation>导出图表数据</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export chart picture</source>
        <translation>导出图表图片</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>ChartSeriesDialog</name>
    <message>
        <source>Chart this</source>
        <translation>绘制图表</translation>
    </message>
    <message>
        <source>A topic, or a filter with + and # to chart several topics as one series</source>
        <translation>一个主题，或带 + 和 # 的过滤器，将多个主题绘制为一个序列</translation>
    </message>
    <message>
        <source>the whole payload</source>
        <translation>整个负载</translation>
    </message>
    <message>
        <source>A field of the decoded payload: value, a.b.c, list[2], or metrics[temperature] (the element whose name is temperature)</source>
        <translation>解码后负载中的字段：value、a.b.c、list[2] 或 metrics[temperature]（name 为 temperature 的元素）</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Field:</source>
        <translation>字段(&amp;F)：</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Name a topic.</source>
        <translation>请填写主题。</translation>
    </message>
    <message>
        <source>Not a field path: %1</source>
        <translation>不是字段路径：%1</translation>
    </message>
    <message>
        <source>No message on this topic yet.</source>
        <translation>此主题尚无消息。</translation>
    </message>
    <message>
        <source>The last message does not decode: %1</source>
        <translation>最后一条消息无法解码：%1</translation>
    </message>
    <message>
        <source>In the last message: %1</source>
        <translation>最后一条消息中的值：%1</translation>
    </message>
    <message>
        <source>Not a number in the last message: %1</source>
        <translation>最后一条消息中不是数字：%1</translation>
    </message>
</context>
<context>
    <name>ChartSeriesModel</name>
    <message>
        <source>%1 · %2</source>
        <comment>topic · field path</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No connection to chart from.</source>
        <translation>没有可用于绘图的连接。</translation>
    </message>
    <message>
        <source>The topic is not valid: %1</source>
        <translation>主题无效：%1</translation>
    </message>
    <message>
        <source>The field path is not valid: %1</source>
        <translation>字段路径无效：%1</translation>
    </message>
    <message>
        <source>Not a chart export: the first line must start with &quot;time&quot;.</source>
        <translation>不是图表导出文件：第一行必须以 &quot;time&quot; 开头。</translation>
    </message>
    <message>
        <source>Line %1 has %2 fields, not %3.</source>
        <translation>第 %1 行有 %2 个字段，而不是 %3 个。</translation>
    </message>
    <message>
        <source>Line %1: &quot;%2&quot; is not a time.</source>
        <translation>第 %1 行：&quot;%2&quot; 不是时间。</translation>
    </message>
    <message>
        <source>Line %1: &quot;%2&quot; is not a number.</source>
        <translation>第 %1 行：&quot;%2&quot; 不是数字。</translation>
    </message>
    <message>
        <source>waiting for a message</source>
        <translation>等待消息</translation>
    </message>
    <message>
        <source>no number: %1</source>
        <translation>无数值：%1</translation>
    </message>
    <message>
        <source>Connection: %1
Topic: %2
Field: %3</source>
        <translation>连接：%1
主题：%2
字段：%3</translation>
    </message>
    <message>
        <source>the whole payload</source>
        <translation>整个负载</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) gave no number; the last: %1</source>
        <translation>
            <numerusform>%Ln 条消息没有得到数值；最后一条：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Series</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Last value</source>
        <translation>最新值</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
</context>
<context>
    <name>ClearRetainedDialog</name>
    <message>
        <source>Clear retained messages</source>
        <translation>清除保留消息</translation>
    </message>
    <message>
        <source>on the whole broker</source>
        <translation>在整个服务器上</translation>
    </message>
    <message>
        <source>at and below &quot;%1&quot;</source>
        <translation>在“%1”及其下级</translation>
    </message>
    <message numerus="yes">
        <source>%Ln topic(s) %1 hold a retained message that this window knows of. Clearing publishes an empty retained message to each; the broker then forgets it. Nothing has been sent yet.</source>
        <translation>
            <numerusform>%1有 %Ln 个主题持有本窗口已知的保留消息。清除会向每个主题发布一条空的保留消息，服务器随即将其遗忘。目前尚未发送任何内容。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear %Ln retained message(s)</source>
        <translation>
            <numerusform>清除 %Ln 条保留消息</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>显示此帮助并退出。</translation>
    </message>
    <message>
        <source>Broker host name or address (default 127.0.0.1).</source>
        <translation>服务器的主机名或地址（默认 127.0.0.1）。</translation>
    </message>
    <message>
        <source>Broker port, 1 to 65535 (default 1883).</source>
        <translation>服务器端口，1 到 65535（默认 1883）。</translation>
    </message>
    <message>
        <source>Quality of service of the messages: 0, 1 or 2 (default 0).</source>
        <translation>消息的服务质量：0、1 或 2（默认 0）。</translation>
    </message>
    <message>
        <source>Quality of service asked for the subscriptions: 0, 1 or 2 (default 0).</source>
        <translation>订阅请求的服务质量：0、1 或 2（默认 0）。</translation>
    </message>
    <message>
        <source>Client id (default: generated).</source>
        <translation>客户端 ID（默认自动生成）。</translation>
    </message>
    <message>
        <source>User name.</source>
        <translation>用户名。</translation>
    </message>
    <message>
        <source>Password.</source>
        <translation>密码。</translation>
    </message>
    <message>
        <source>Keep-alive interval in seconds, 0 to 65535 (default 60).</source>
        <translation>保活间隔（秒），0 到 65535（默认 60）。</translation>
    </message>
    <message>
        <source>Keep the session on the broker after disconnecting (needs -i).</source>
        <translation>断开连接后在服务器上保留会话（需要 -i）。</translation>
    </message>
    <message>
        <source>MQTT version: 31, 311 or 5 (default 311).</source>
        <translation>MQTT 版本：31、311 或 5（默认 311）。</translation>
    </message>
    <message>
        <source>Topic of the will message.</source>
        <translation>遗嘱消息的主题。</translation>
    </message>
    <message>
        <source>Payload of the will message.</source>
        <translation>遗嘱消息的负载。</translation>
    </message>
    <message>
        <source>QoS of the will message (default 0).</source>
        <translation>遗嘱消息的 QoS（默认 0）。</translation>
    </message>
    <message>
        <source>Retain the will message.</source>
        <translation>保留遗嘱消息。</translation>
    </message>
    <message>
        <source>Run &apos;switchboard-cli %1 --help&apos; for the options.</source>
        <translation>运行 &apos;switchboard-cli %1 --help&apos; 查看选项。</translation>
    </message>
    <message>
        <source>Usage: %1 [options]</source>
        <translation>用法：%1 [选项]</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>意外的参数：%1</translation>
    </message>
    <message>
        <source>the QoS must be 0, 1 or 2, not &apos;%1&apos;</source>
        <translation>QoS 必须是 0、1 或 2，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the host name is empty</source>
        <translation>主机名为空</translation>
    </message>
    <message>
        <source>the port must be a number from 1 to 65535, not &apos;%1&apos;</source>
        <translation>端口必须是 1 到 65535 之间的数字，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the keep-alive must be a number of seconds from 0 to 65535, not &apos;%1&apos;</source>
        <translation>保活时间必须是 0 到 65535 之间的秒数，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown protocol version &apos;%1&apos; (use 31, 311 or 5)</source>
        <translation>未知的协议版本 &apos;%1&apos;（请使用 31、311 或 5）</translation>
    </message>
    <message>
        <source>the client id given with -i is empty</source>
        <translation>用 -i 指定的客户端 ID 为空</translation>
    </message>
    <message>
        <source>MQTT 3.1 allows client ids of at most 23 bytes</source>
        <translation>MQTT 3.1 的客户端 ID 最多 23 个字节</translation>
    </message>
    <message>
        <source>-c (keep the session) needs a client id: give one with -i</source>
        <translation>-c（保留会话）需要客户端 ID：请用 -i 指定</translation>
    </message>
    <message>
        <source>a password (-P) needs a user name (-u)</source>
        <translation>密码（-P）需要同时提供用户名（-u）</translation>
    </message>
    <message>
        <source>the will QoS must be 0, 1 or 2, not &apos;%1&apos;</source>
        <translation>遗嘱 QoS 必须是 0、1 或 2，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--will-payload, --will-qos and --will-retain need --will-topic</source>
        <translation>--will-payload、--will-qos 和 --will-retain 需要 --will-topic</translation>
    </message>
    <message>
        <source>Publish a message to an MQTT broker.</source>
        <translation>向 MQTT 服务器发布消息。</translation>
    </message>
    <message>
        <source>Topic to publish to (required).</source>
        <translation>要发布到的主题（必填）。</translation>
    </message>
    <message>
        <source>Message payload.</source>
        <translation>消息负载。</translation>
    </message>
    <message>
        <source>Send the contents of a file.</source>
        <translation>发送文件的内容。</translation>
    </message>
    <message>
        <source>Send an empty message.</source>
        <translation>发送一条空消息。</translation>
    </message>
    <message>
        <source>Send one message per line read from standard input, until end of file.</source>
        <translation>从标准输入逐行读取，每行发送一条消息，直到文件结束。</translation>
    </message>
    <message>
        <source>Retain the message.</source>
        <translation>保留该消息。</translation>
    </message>
    <message>
        <source>Publish the message N times.</source>
        <translation>将消息发布 N 次。</translation>
    </message>
    <message>
        <source>Seconds to wait between repeated messages (default 0).</source>
        <translation>重复发送消息之间等待的秒数（默认 0）。</translation>
    </message>
    <message>
        <source>give exactly one topic to publish to with -t</source>
        <translation>请用 -t 指定恰好一个要发布到的主题</translation>
    </message>
    <message>
        <source>invalid topic &apos;%1&apos;: %2</source>
        <translation>无效的主题 &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>give exactly one message source: -m, -f, -n or -l</source>
        <translation>请指定恰好一个消息来源：-m、-f、-n 或 -l</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>--repeat must be a whole number of at least 1, not &apos;%1&apos;</source>
        <translation>--repeat 必须是不小于 1 的整数，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--repeat-delay must be a number of seconds, not &apos;%1&apos;</source>
        <translation>--repeat-delay 必须是秒数，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--repeat and --repeat-delay do not apply to -l</source>
        <translation>--repeat 和 --repeat-delay 不适用于 -l</translation>
    </message>
    <message>
        <source>Subscribe to topics and print the messages.</source>
        <translation>订阅主题并打印收到的消息。</translation>
    </message>
    <message>
        <source>Print &quot;topic payload&quot; lines.</source>
        <translation>按“主题 负载”格式逐行打印。</translation>
    </message>
    <message>
        <source>Exit after N messages.</source>
        <translation>收到 N 条消息后退出。</translation>
    </message>
    <message>
        <source>Give up after this many seconds (exit code 27).</source>
        <translation>超过这么多秒后放弃（退出码 27）。</translation>
    </message>
    <message>
        <source>give at least one topic filter with -t</source>
        <translation>请用 -t 至少指定一个主题过滤器</translation>
    </message>
    <message>
        <source>invalid topic filter &apos;%1&apos;: %2</source>
        <translation>无效的主题过滤器 &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>-C must be a whole number of at least 1, not &apos;%1&apos;</source>
        <translation>-C 必须是不小于 1 的整数，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>-W must be a whole number of seconds of at least 1, not &apos;%1&apos;</source>
        <translation>-W 必须是不小于 1 的整秒数，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Trust only the certificate authorities in this PEM file (turns on TLS).</source>
        <translation>只信任此 PEM 文件中的证书颁发机构（启用 TLS）。</translation>
    </message>
    <message>
        <source>Trust only the certificate authorities in the PEM files of this folder (turns on TLS).</source>
        <translation>只信任此文件夹中 PEM 文件里的证书颁发机构（启用 TLS）。</translation>
    </message>
    <message>
        <source>Turn on TLS, trusting the system&apos;s certificate authorities.</source>
        <translation>启用 TLS，信任系统的证书颁发机构。</translation>
    </message>
    <message>
        <source>Client certificate (PEM) for brokers that require one.</source>
        <translation>用于要求客户端证书的服务器的客户端证书（PEM）。</translation>
    </message>
    <message>
        <source>Private key (PEM) of the client certificate.</source>
        <translation>客户端证书的私钥（PEM）。</translation>
    </message>
    <message>
        <source>Passphrase of an encrypted private key.</source>
        <translation>加密私钥的口令。</translation>
    </message>
    <message>
        <source>Oldest TLS version accepted: tlsv1.2 (default) or tlsv1.3.</source>
        <translation>可接受的最低 TLS 版本：tlsv1.2（默认）或 tlsv1.3。</translation>
    </message>
    <message>
        <source>ALPN protocol to offer; repeat or separate with commas.</source>
        <translation>要提供的 ALPN 协议；可重复或用逗号分隔。</translation>
    </message>
    <message>
        <source>Server name sent in SNI and checked in the certificate (default: the host).</source>
        <translation>在 SNI 中发送并在证书中校验的服务器名（默认：主机名）。</translation>
    </message>
    <message>
        <source>Do not verify the broker&apos;s certificate nor its host name. For test brokers only.</source>
        <translation>不验证服务器的证书及其主机名。仅用于测试用的服务器。</translation>
    </message>
    <message>
        <source>Proxy: socks5://[user:password@]host[:port], http://[user:password@]host:port (CONNECT), system or none (default).</source>
        <translation>代理：socks5://[user:password@]host[:port]、http://[user:password@]host:port（CONNECT）、system 或 none（默认）。</translation>
    </message>
    <message>
        <source>HTTP path of the WebSocket endpoint (default /mqtt, or the URL&apos;s).</source>
        <translation>WebSocket 端点的 HTTP 路径（默认 /mqtt，或 URL 中的路径）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a proxy URL such as socks5://host:1080 or http://host:3128</source>
        <translation>“%1”不是代理 URL（例如 socks5://host:1080 或 http://host:3128）</translation>
    </message>
    <message>
        <source>Unknown proxy scheme &quot;%1&quot;; use socks5, socks5h or http</source>
        <translation>未知的代理协议“%1”；请使用 socks5、socks5h 或 http</translation>
    </message>
    <message>
        <source>The proxy &quot;%1&quot; needs a port</source>
        <translation>代理“%1”需要端口</translation>
    </message>
    <message>
        <source>Unknown TLS version &quot;%1&quot;; use tlsv1.2 or tlsv1.3</source>
        <translation>未知的 TLS 版本“%1”；请使用 tlsv1.2 或 tlsv1.3</translation>
    </message>
    <message>
        <source>ALPN protocol names are 1 to 255 bytes long</source>
        <translation>ALPN 协议名的长度为 1 到 255 个字节</translation>
    </message>
    <message>
        <source>TLS options need an mqtts:// or wss:// URL, not &quot;%1&quot;</source>
        <translation>TLS 选项需要 mqtts:// 或 wss:// URL，而不是“%1”</translation>
    </message>
    <message>
        <source>--ws-path needs a ws:// or wss:// URL (-L)</source>
        <translation>--ws-path 需要 ws:// 或 wss:// URL（-L）</translation>
    </message>
    <message>
        <source>MQTT 5.0: seconds the broker keeps the session after the connection ends; -1 for never (default: never with -c, else 0).</source>
        <translation>MQTT 5.0：连接结束后服务器保留会话的秒数；-1 表示永不过期（默认：使用 -c 时永不过期，否则为 0）。</translation>
    </message>
    <message>
        <source>MQTT 5.0 enhanced authentication with the user name and password of -u and -P: %1.</source>
        <translation>MQTT 5.0 增强认证，使用 -u 和 -P 给出的用户名和密码：%1。</translation>
    </message>
    <message>
        <source>MQTT 5.0 property of a packet the command sends (needs -V 5; repeatable): -D &lt;command&gt; &lt;property&gt; &lt;value&gt;, or -D &lt;command&gt; user-property &lt;name&gt; &lt;value&gt;. See below.</source>
        <translation>本命令所发送报文的 MQTT 5.0 属性（需要 -V 5；可重复）：-D &lt;command&gt; &lt;property&gt; &lt;value&gt;，或 -D &lt;command&gt; user-property &lt;name&gt; &lt;value&gt;。见下文。</translation>
    </message>
    <message>
        <source>MQTT 5.0 properties (-D &lt;command&gt; &lt;property&gt; &lt;value&gt;, with -V 5):</source>
        <translation>MQTT 5.0 属性（-D &lt;command&gt; &lt;property&gt; &lt;value&gt;，需配合 -V 5）：</translation>
    </message>
    <message>
        <source>Examples:</source>
        <translation>示例：</translation>
    </message>
    <message>
        <source>%1 is an MQTT 5.0 option: add -V 5</source>
        <translation>%1 是 MQTT 5.0 选项：请加上 -V 5</translation>
    </message>
    <message>
        <source>-D sets MQTT 5.0 properties: add -V 5</source>
        <translation>-D 用于设置 MQTT 5.0 属性：请加上 -V 5</translation>
    </message>
    <message>
        <source>the session expiry must be a number of seconds from 0 to 4294967295, or -1 for never, not &apos;%1&apos;</source>
        <translation>会话过期时间必须是 0 到 4294967295 之间的秒数，或 -1 表示永不过期，而不是“%1”</translation>
    </message>
    <message>
        <source>give the session expiry once: -x or -D connect session-expiry-interval</source>
        <translation>会话过期时间只能给出一次：-x 或 -D connect session-expiry-interval</translation>
    </message>
    <message>
        <source>a session that never expires needs a client id: give one with -i</source>
        <translation>永不过期的会话需要客户端 ID：请用 -i 指定</translation>
    </message>
    <message>
        <source>-D disconnect session-expiry-interval needs a session expiry on connect (-x)</source>
        <translation>-D disconnect session-expiry-interval 需要在连接时设置会话过期时间（-x）</translation>
    </message>
    <message>
        <source>the authentication method is given twice</source>
        <translation>认证方法给出了两次</translation>
    </message>
    <message>
        <source>-D will needs --will-topic</source>
        <translation>-D will 需要 --will-topic</translation>
    </message>
    <message>
        <source>%1 needs a command, a property and a value, e.g. -D publish content-type text/plain (user-property takes a name and a value)</source>
        <translation>%1 需要一个命令、一个属性和一个值，例如 -D publish content-type text/plain（user-property 需要一个名称和一个值）</translation>
    </message>
    <message>
        <source>unknown authentication method &apos;%1&apos; (supported: %2)</source>
        <translation>未知的认证方法“%1”（支持：%2）</translation>
    </message>
    <message>
        <source>-D %1: not a packet this command sends (use %2)</source>
        <translation>-D %1：本命令不发送该报文（可用：%2）</translation>
    </message>
    <message>
        <source>-D %1: unknown property &apos;%2&apos;</source>
        <translation>-D %1：未知属性“%2”</translation>
    </message>
    <message>
        <source>-D %1: the property %2 is not allowed in %1 (allowed: %3)</source>
        <translation>-D %1：%1 中不允许属性 %2（允许：%3）</translation>
    </message>
    <message>
        <source>-D connect authentication-data: the authentication method computes it from the user name (-u) and password (-P)</source>
        <translation>-D connect authentication-data：认证方法会根据用户名（-u）和密码（-P）计算该值</translation>
    </message>
    <message>
        <source>-D %1 %2 is given twice</source>
        <translation>-D %1 %2 给出了两次</translation>
    </message>
    <message>
        <source>-D %1 %2: a value is longer than %3 bytes</source>
        <translation>-D %1 %2：值的长度超过 %3 字节</translation>
    </message>
    <message>
        <source>-D %1 %2 must be a whole number from %3 to %4, not &apos;%5&apos;</source>
        <translation>-D %1 %2 必须是 %3 到 %4 之间的整数，而不是“%5”</translation>
    </message>
    <message>
        <source>-D %1 response-topic &apos;%2&apos;: %3</source>
        <translation>-D %1 response-topic“%2”：%3</translation>
    </message>
    <message>
        <source>MQTT 5.0: do not receive the messages this client publishes.</source>
        <translation>MQTT 5.0：不接收本客户端自己发布的消息。</translation>
    </message>
    <message>
        <source>MQTT 5.0: keep the retain flag as the publisher set it, instead of only on messages sent at subscribe time.</source>
        <translation>MQTT 5.0：保留发布者设置的保留标志，而不是仅在订阅时发送的消息上设置。</translation>
    </message>
    <message>
        <source>MQTT 5.0: retained messages at subscribe time: 0 send them (default), 1 only for a new subscription, 2 never.</source>
        <translation>MQTT 5.0：订阅时的保留消息：0 发送（默认），1 仅对新订阅发送，2 从不发送。</translation>
    </message>
    <message>
        <source>Print each message&apos;s MQTT 5.0 properties on indented lines after it.</source>
        <translation>在每条消息之后以缩进行打印其 MQTT 5.0 属性。</translation>
    </message>
    <message>
        <source>--retain-handling must be 0, 1 or 2, not &apos;%1&apos;</source>
        <translation>--retain-handling 必须是 0、1 或 2，而不是“%1”</translation>
    </message>
    <message>
        <source>Topic filter to subscribe to (required without -U; repeatable).</source>
        <translation>要订阅的主题过滤器（未给出 -U 时必填；可重复）。</translation>
    </message>
    <message>
        <source>Topic filter to unsubscribe from once connected, after subscribing to -t (repeatable): ends a subscription kept in the session of -c.</source>
        <translation>连接后要取消订阅的主题过滤器，在订阅 -t 之后执行（可重复）：结束 -c 会话中保留的订阅。</translation>
    </message>
    <message>
        <source>-D unsubscribe needs -U</source>
        <translation>-D unsubscribe 需要 -U</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>maximum QoS</source>
        <translation>最大 QoS</translation>
    </message>
    <message>
        <source>retain available:</source>
        <translation>支持保留消息：</translation>
    </message>
    <message>
        <source>wildcard subscriptions:</source>
        <translation>通配符订阅：</translation>
    </message>
    <message>
        <source>subscription identifiers:</source>
        <translation>订阅标识符：</translation>
    </message>
    <message>
        <source>shared subscriptions:</source>
        <translation>共享订阅：</translation>
    </message>
    <message>
        <source>receive maximum</source>
        <translation>接收最大值</translation>
    </message>
    <message>
        <source>maximum packet size</source>
        <translation>最大报文大小</translation>
    </message>
    <message>
        <source>topic alias maximum</source>
        <translation>主题别名最大值</translation>
    </message>
    <message>
        <source>keep alive</source>
        <translation>保活</translation>
    </message>
    <message>
        <source>assigned client id %1</source>
        <translation>分配的客户端 ID %1</translation>
    </message>
    <message>
        <source>connected; the broker keeps the defaults</source>
        <translation>已连接；服务器使用默认值</translation>
    </message>
    <message>
        <source>connected; the broker announced: %1</source>
        <translation>已连接；服务器声明：%1</translation>
    </message>
    <message>
        <source>broker named by the server reference: %1</source>
        <translation>服务器引用指定的服务器：%1</translation>
    </message>
    <message>
        <source>broker %1 of %2: %3</source>
        <translation>第 %1 个服务器（共 %2 个）：%3</translation>
    </message>
    <message>
        <source>the broker sends us elsewhere (%1): %2</source>
        <translation>服务器让我们改连别处（%1）：%2</translation>
    </message>
    <message>
        <source>no server reference</source>
        <translation>没有服务器引用</translation>
    </message>
    <message>
        <source>Broker URL: mqtt://host[:1883], mqtts://host[:8883], ws://host[:80]/path, wss://host[:443]/path (tcp:// and ssl:// too). Overrides -h and -p. Repeat for failover: the brokers are tried in order, and a lost or refusing one gives way to the next.</source>
        <translation>服务器 URL：mqtt://host[:1883]、mqtts://host[:8883]、ws://host[:80]/path、wss://host[:443]/path（也支持 tcp:// 和 ssl://）。优先于 -h 和 -p。可重复给出以故障转移：按顺序尝试各服务器，连接断开或被拒绝时改用下一个。</translation>
    </message>
    <message>
        <source>Print the payloads of topics matching FILTER decoded, as one line of JSON each (repeatable; the first matching rule wins). DECODER: text, json, hex, base64, cbor, msgpack, protobuf:PACKAGE.Message, sparkplug, numbers:FORMAT (int8, uint16le, float32be, ...).</source>
        <translation>将匹配 FILTER 的主题的负载解码后打印，每条一行 JSON（可重复；第一条匹配的规则生效）。DECODER：text、json、hex、base64、cbor、msgpack、protobuf:PACKAGE.Message、sparkplug、numbers:FORMAT（int8、uint16le、float32be 等）。</translation>
    </message>
    <message>
        <source>Read the payload (-m, -f or each -l line) as JSON and send it encoded: cbor, msgpack, protobuf:PACKAGE.Message, sparkplug (metrics), numbers:FORMAT; or text, json, hex, base64.</source>
        <translation>将负载（-m、-f 或 -l 的每一行）作为 JSON 读取并编码后发送：cbor、msgpack、protobuf:PACKAGE.Message、sparkplug（指标）、numbers:FORMAT；或 text、json、hex、base64。</translation>
    </message>
    <message>
        <source>Folder whose .proto files (and subfolders&apos;) declare the protobuf types (repeatable).</source>
        <translation>其中（含子文件夹）的 .proto 文件声明 protobuf 类型的文件夹（可重复）。</translation>
    </message>
    <message>
        <source>--proto-path: %1</source>
        <translation>--proto-path：%1</translation>
    </message>
    <message>
        <source>--decode %1: %2</source>
        <translation>--decode %1：%2</translation>
    </message>
    <message>
        <source>--encode %1: %2</source>
        <translation>--encode %1：%2</translation>
    </message>
    <message>
        <source>Keep going when the connection is lost after the first one: connect again and resend what the broker has not acknowledged. At QoS 2 this needs -c (and -i), so that no message arrives twice.</source>
        <translation>首次连接之后连接断开时继续运行：重新连接，并重发服务器尚未确认的消息。QoS 2 时需要 -c（和 -i），以免消息到达两次。</translation>
    </message>
    <message>
        <source>With -l, stop at the first line refused (by the broker, or as too large for it). Without it each refused line is reported with its number and the rest are published; the exit code is 1 either way.</source>
        <translation>与 -l 一起使用：在第一个被拒绝的行（被服务器拒绝，或对服务器而言过大）处停止。不加此选项时，每个被拒绝的行都会连同行号一起报告，其余的行照常发布；两种情况下退出码都是 1。</translation>
    </message>
    <message>
        <source>--stop-on-refusal applies to -l only</source>
        <translation>--stop-on-refusal 仅适用于 -l</translation>
    </message>
    <message>
        <source>--reconnect at QoS 2 needs a session the broker keeps: add -c and -i</source>
        <translation>QoS 2 下的 --reconnect 需要服务器保留的会话：请加上 -c 和 -i</translation>
    </message>
    <message>
        <source>reconnected; the broker kept the session</source>
        <translation>已重新连接；服务器保留了会话</translation>
    </message>
    <message>
        <source>reconnected; the broker kept no session</source>
        <translation>已重新连接；服务器没有保留会话</translation>
    </message>
    <message>
        <source>connection lost: %1; reconnecting in %2 s</source>
        <translation>连接断开：%1；%2 秒后重新连接</translation>
    </message>
    <message>
        <source>reconnecting failed: %1; trying again in %2 s (attempt %3)</source>
        <translation>重新连接失败：%1；%2 秒后再试（第 %3 次尝试）</translation>
    </message>
    <message>
        <source>Quality of service of every message in place of the recorded one: 0, 1 or 2 (default: as recorded).</source>
        <translation>所有消息使用此服务质量代替录制时的值：0、1 或 2（默认：与录制时相同）。</translation>
    </message>
    <message>
        <source>Record the messages of topics to a capture file (JSON Lines, see docs/capture-format.md).</source>
        <translation>将主题的消息录制到录制文件（JSON Lines，见 docs/capture-format.md）。</translation>
    </message>
    <message>
        <source>Topic filter to record (required; repeatable).</source>
        <translation>要录制的主题过滤器（必填；可重复）。</translation>
    </message>
    <message>
        <source>The capture file to write (required; replaced if it exists).</source>
        <translation>要写入的录制文件（必填；已存在则替换）。</translation>
    </message>
    <message>
        <source>Stop after N messages.</source>
        <translation>收到 N 条消息后停止。</translation>
    </message>
    <message>
        <source>Stop after this many seconds.</source>
        <translation>经过这么多秒后停止。</translation>
    </message>
    <message>
        <source>give the file to write with -o</source>
        <translation>请用 -o 指定要写入的文件</translation>
    </message>
    <message>
        <source>Publish the messages of a capture file (made by &apos;switchboard-cli record&apos; or the window) again, at the recorded pace or faster.</source>
        <translation>按录制时的节奏或更快，重新发布录制文件（由“switchboard-cli record”或窗口生成）中的消息。</translation>
    </message>
    <message>
        <source>The capture file to replay.</source>
        <translation>要回放的录制文件。</translation>
    </message>
    <message>
        <source>Replay this many times faster than recorded, e.g. 2 or 0.5 (default 1).</source>
        <translation>以录制速度的这么多倍回放，例如 2 或 0.5（默认 1）。</translation>
    </message>
    <message>
        <source>Replay as fast as the broker takes the messages.</source>
        <translation>以服务器能接收的最快速度回放。</translation>
    </message>
    <message>
        <source>Put P in front of every topic: &apos;copy/&apos; turns rec/a into copy/rec/a.</source>
        <translation>在每个主题前加上 P：“copy/”将 rec/a 变为 copy/rec/a。</translation>
    </message>
    <message>
        <source>Start again at the end of the file, until Ctrl+C.</source>
        <translation>到达文件末尾后重新开始，直到按下 Ctrl+C。</translation>
    </message>
    <message>
        <source>give the capture file to replay</source>
        <translation>请指定要回放的录制文件</translation>
    </message>
    <message>
        <source>give --speed or --max-speed, not both</source>
        <translation>请指定 --speed 或 --max-speed，不能同时指定</translation>
    </message>
    <message>
        <source>--speed must be a number above 0, not &apos;%1&apos;</source>
        <translation>--speed 必须是大于 0 的数，而不是“%1”</translation>
    </message>
    <message>
        <source>the connection closed unexpectedly</source>
        <translation>连接意外关闭</translation>
    </message>
    <message>
        <source>Quality of service of the messages and the subscriptions: 0, 1 or 2 (default 0).</source>
        <translation>消息和订阅的服务质量：0、1 或 2（默认 0）。</translation>
    </message>
    <message>
        <source>Prefix of the client ids: &lt;id&gt;-pub-1, &lt;id&gt;-sub-1, ... (default: generated).</source>
        <translation>客户端 ID 的前缀：&lt;id&gt;-pub-1、&lt;id&gt;-sub-1……（默认自动生成）。</translation>
    </message>
    <message>
        <source>Print every MQTT packet sent and received on stderr, one line each: time, send or recv, type, then what applies of id=, q=, r=, d=, rc=, sp= and the size (e.g. &quot;12:00:01.250 recv SUBACK id=1 rc=granted-qos-1 5B&quot;); and the broker&apos;s limits, each subscription&apos;s outcome and each change of broker.</source>
        <translation>在标准错误上逐行打印收发的每个 MQTT 报文：时间、send 或 recv、类型，然后是适用的 id=、q=、r=、d=、rc=、sp= 和大小（例如 &quot;12:00:01.250 recv SUBACK id=1 rc=granted-qos-1 5B&quot;）；以及服务器的限制、每个订阅的结果和每次服务器切换。</translation>
    </message>
    <message>
        <source>PASS  %1 (%2 ms)</source>
        <translation>通过  %1（%2 毫秒）</translation>
    </message>
    <message>
        <source>FAIL  %1 (%2 ms)</source>
        <translation>失败  %1（%2 毫秒）</translation>
    </message>
    <message>
        <source>tests: %1, passed: %2, failed: %3, script errors: %4 (%5 s)</source>
        <translation>测试：%1，通过：%2，失败：%3，脚本错误：%4（%5 秒）</translation>
    </message>
    <message>
        <source>Run a JavaScript test script (docs/scripting.md): it connects where it says with connect(), each test(name, fn) passes or fails, and the exit code is the number of failures (tests that failed and errors outside tests, at most 100); 101 when the script cannot be run. env(NAME) reads the environment, e.g. MQTT_URL.</source>
        <translation>运行 JavaScript 测试脚本（见 docs/scripting.md）：脚本用 connect() 连接到它指定的地方，每个 test(name, fn) 通过或失败，退出码为失败的数量（失败的测试与测试之外的错误，最多 100）；脚本无法运行时为 101。env(NAME) 读取环境变量，例如 MQTT_URL。</translation>
    </message>
    <message>
        <source>The script to run (.js).</source>
        <translation>要运行的脚本（.js）。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>Write the results as JUnit XML to FILE.</source>
        <translation>将结果以 JUnit XML 写入 FILE。</translation>
    </message>
    <message>
        <source>Interrupt the script after S seconds, 0 for no limit (default 60).</source>
        <translation>S 秒后中断脚本，0 表示不限（默认 60）。</translation>
    </message>
    <message>
        <source>Cap the process&apos;s memory (address space) at MIB mebibytes, 0 for no cap (default 2048).</source>
        <translation>将进程的内存（地址空间）限制为 MIB 兆字节，0 表示不限（默认 2048）。</translation>
    </message>
    <message>
        <source>give one script to run</source>
        <translation>请给出一个要运行的脚本</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds, not &apos;%1&apos;</source>
        <translation>--timeout 必须是秒数，而不是“%1”</translation>
    </message>
    <message>
        <source>--memory-limit must be a number of mebibytes, not &apos;%1&apos;</source>
        <translation>--memory-limit 必须是兆字节数，而不是“%1”</translation>
    </message>
    <message>
        <source>cannot limit the memory: %1</source>
        <translation>无法限制内存：%1</translation>
    </message>
</context>
<context>
    <name>CollectionEntryDialog</name>
    <message>
        <source>Collection entry</source>
        <translation>集合条目</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. devices/{{env.DEVICE}}/set</source>
        <translation>例如 devices/{{env.DEVICE}}/set</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Payload. Variables: {{now}}, {{now.epoch}}, {{now.epochms}}, {{seq}}, {{uuid}}, {{random 1 100}}, {{env.NAME}}; \{{ is a literal {{</source>
        <translation>负载。变量：{{now}}、{{now.epoch}}、{{now.epochms}}、{{seq}}、{{uuid}}、{{random 1 100}}、{{env.NAME}}；\{{ 表示字面的 {{</translation>
    </message>
    <message>
        <source>&amp;Payload:</source>
        <translation>负载(&amp;P)：</translation>
    </message>
    <message>
        <source>0 - at most once</source>
        <translation>0 - 最多一次</translation>
    </message>
    <message>
        <source>1 - at least once</source>
        <translation>1 - 至少一次</translation>
    </message>
    <message>
        <source>2 - exactly once</source>
        <translation>2 - 恰好一次</translation>
    </message>
    <message>
        <source>&amp;Retain</source>
        <translation>保留(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;QoS:</source>
        <translation>QoS(&amp;Q)：</translation>
    </message>
    <message>
        <source>MQTT 5.0 properties (sent on 5.0 connections)</source>
        <translation>MQTT 5.0 属性（仅在 5.0 连接上发送）</translation>
    </message>
    <message>
        <source>Content type:</source>
        <translation>内容类型：</translation>
    </message>
    <message>
        <source>Unspecified bytes</source>
        <translation>未指定的字节</translation>
    </message>
    <message>
        <source>UTF-8 text</source>
        <translation>UTF-8 文本</translation>
    </message>
    <message>
        <source>Payload format:</source>
        <translation>负载格式：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>永不</translation>
    </message>
    <message>
        <source>Message expiry:</source>
        <translation>消息过期：</translation>
    </message>
    <message>
        <source>Response topic:</source>
        <translation>响应主题：</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Correlation data:</source>
        <translation>关联数据：</translation>
    </message>
    <message>
        <source>name=value, one a line</source>
        <translation>name=value，每行一个</translation>
    </message>
    <message>
        <source>User properties:</source>
        <translation>用户属性：</translation>
    </message>
    <message>
        <source>message type, e.g. acme.Reading</source>
        <translation>消息类型，例如 acme.Reading</translation>
    </message>
    <message>
        <source>number format</source>
        <translation>数字格式</translation>
    </message>
    <message>
        <source>Give the entry a name</source>
        <translation>请为条目命名</translation>
    </message>
    <message>
        <source>Give the entry a topic</source>
        <translation>请为条目填写主题</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>脚本</translation>
    </message>
    <message>
        <source>A message is published; a script runs in the Script console</source>
        <translation>消息会被发布；脚本在脚本控制台中运行</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>JavaScript run in the Script console: connect(), subscribe(), publish(), on(), expect(), sleep(), test(), log(). env(&quot;NAME&quot;) reads the active environment (see docs/scripting.md)</source>
        <translation>在脚本控制台中运行的 JavaScript：connect()、subscribe()、publish()、on()、expect()、sleep()、test()、log()。env(&quot;NAME&quot;) 读取当前环境（见 docs/scripting.md）</translation>
    </message>
</context>
<context>
    <name>CollectionEnvironmentsDialog</name>
    <message>
        <source>Environments of %1</source>
        <translation>%1 的环境</translation>
    </message>
    <message>
        <source>{{env.NAME}} in this collection&apos;s entries reads NAME from the environment chosen in the Collections pane.</source>
        <translation>此集合条目中的 {{env.NAME}} 从集合面板中选择的环境读取 NAME。</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>NAME=value, one a line</source>
        <translation>NAME=value，每行一个</translation>
    </message>
    <message>
        <source>New environment</source>
        <translation>新建环境</translation>
    </message>
    <message>
        <source>Name (e.g. dev, staging, production):</source>
        <translation>名称（例如 dev、staging、production）：</translation>
    </message>
</context>
<context>
    <name>CollectionFile</name>
    <message>
        <source>unknown key &quot;%1&quot; (expected one of: %2)</source>
        <translation>未知的键“%1”（应为以下之一：%2）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is missing</source>
        <translation>缺少“%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string</source>
        <translation>“%1”必须是字符串</translation>
    </message>
    <message>
        <source>an item must be an object with &quot;folder&quot; or &quot;name&quot;</source>
        <translation>条目必须是带有“folder”或“name”的对象</translation>
    </message>
    <message>
        <source>a folder needs a name</source>
        <translation>文件夹需要名称</translation>
    </message>
    <message>
        <source>&quot;items&quot; must be an array</source>
        <translation>“items”必须是数组</translation>
    </message>
    <message>
        <source>an entry needs a name</source>
        <translation>条目需要名称</translation>
    </message>
    <message>
        <source>the QoS must be 0, 1 or 2</source>
        <translation>QoS 必须是 0、1 或 2</translation>
    </message>
    <message>
        <source>&quot;retain&quot; must be true or false</source>
        <translation>“retain”必须是 true 或 false</translation>
    </message>
    <message>
        <source>&quot;properties&quot; must be an object</source>
        <translation>“properties”必须是对象</translation>
    </message>
    <message>
        <source>give &quot;correlationData&quot; or &quot;correlationDataHex&quot;, not both</source>
        <translation>请给出“correlationData”或“correlationDataHex”，不能同时给出</translation>
    </message>
    <message>
        <source>&quot;correlationDataHex&quot; must be pairs of hex digits</source>
        <translation>“correlationDataHex”必须是成对的十六进制数字</translation>
    </message>
    <message>
        <source>&quot;payloadFormat&quot; must be &quot;utf-8&quot; or &quot;unspecified&quot;</source>
        <translation>“payloadFormat”必须是“utf-8”或“unspecified”</translation>
    </message>
    <message>
        <source>the message expiry interval must be whole seconds from 0 to 4294967295</source>
        <translation>消息过期间隔必须是 0 到 4294967295 之间的整秒数</translation>
    </message>
    <message>
        <source>&quot;userProperties&quot; must be an array</source>
        <translation>“userProperties”必须是数组</translation>
    </message>
    <message>
        <source>a user property must be {&quot;name&quot;: …, &quot;value&quot;: …}</source>
        <translation>用户属性必须是 {&quot;name&quot;: …, &quot;value&quot;: …}</translation>
    </message>
    <message>
        <source>&quot;environments&quot; must be an array</source>
        <translation>“environments”必须是数组</translation>
    </message>
    <message>
        <source>an environment must be an object</source>
        <translation>环境必须是对象</translation>
    </message>
    <message>
        <source>an environment needs a name</source>
        <translation>环境需要名称</translation>
    </message>
    <message>
        <source>a second environment called &quot;%1&quot;</source>
        <translation>第二个名为“%1”的环境</translation>
    </message>
    <message>
        <source>&quot;variables&quot; must be an object of NAME: value</source>
        <translation>“variables”必须是 NAME: value 形式的对象</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a variable name: it must start with a letter or &apos;_&apos; and hold letters, digits, &apos;_&apos;, &apos;-&apos; or &apos;.&apos;</source>
        <translation>“%1”不是变量名：必须以字母或“_”开头，只能包含字母、数字、“_”、“-”或“.”</translation>
    </message>
    <message>
        <source>the value of %1 must be a string</source>
        <translation>%1 的值必须是字符串</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1:%2:%3: %4</source>
        <translation>%1:%2:%3：%4</translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation>不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>a collection file holds one JSON object</source>
        <translation>集合文件应包含一个 JSON 对象</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a whole number from 1: this is not a Switchboard collection</source>
        <translation>“version”必须是从 1 开始的整数：这不是 Switchboard 集合</translation>
    </message>
    <message>
        <source>version %1 was written by a newer Switchboard (this one reads up to %2)</source>
        <translation>版本 %1 由更新的 Switchboard 写入（本版本最多读取 %2）</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>a line of &quot;%1&quot; must be a string</source>
        <translation>&quot;%1&quot; 的每一行必须是字符串</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string or an array of lines</source>
        <translation>&quot;%1&quot; 必须是字符串或由各行组成的数组</translation>
    </message>
</context>
<context>
    <name>CollectionModel</name>
    <message>
        <source>Could not remove %1</source>
        <translation>无法删除 %1</translation>
    </message>
    <message>
        <source>%1 (QoS %2)</source>
        <translation>%1（QoS %2）</translation>
    </message>
    <message numerus="yes">
        <source>Script (%Ln line(s))</source>
        <translation>
            <numerusform>脚本（%Ln 行）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionSender</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1，%2：%3</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>Content type</source>
        <translation>内容类型</translation>
    </message>
    <message>
        <source>Response topic</source>
        <translation>响应主题</translation>
    </message>
    <message>
        <source>Correlation data</source>
        <translation>关联数据</translation>
    </message>
    <message>
        <source>Correlation data: %1</source>
        <translation>关联数据：%1</translation>
    </message>
    <message>
        <source>User property</source>
        <translation>用户属性</translation>
    </message>
    <message>
        <source>User property %1</source>
        <translation>用户属性 %1</translation>
    </message>
    <message>
        <source>Topic: %1</source>
        <translation>主题：%1</translation>
    </message>
    <message>
        <source>Payload: %1</source>
        <translation>负载：%1</translation>
    </message>
    <message>
        <source>Payload as sent</source>
        <translation>发送时的负载</translation>
    </message>
    <message>
        <source>The payload is not valid UTF-8 but its format is set to UTF-8 text</source>
        <translation>负载不是有效的 UTF-8，但其格式被设为 UTF-8 文本</translation>
    </message>
    <message>
        <source>Not connected to a broker</source>
        <translation>未连接到服务器</translation>
    </message>
    <message>
        <source>The message was not sent</source>
        <translation>消息未发送</translation>
    </message>
    <message>
        <source>a script entry is run, not sent</source>
        <translation>脚本条目是运行的，不是发送的</translation>
    </message>
</context>
<context>
    <name>CollectionsPane</name>
    <message>
        <source>&amp;Environment:</source>
        <translation>环境(&amp;E)：</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Search names, topics and payloads</source>
        <translation>搜索名称、主题和负载</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Send collection entry</source>
        <translation>发送集合条目(&amp;S)</translation>
    </message>
    <message>
        <source>Send the selected collection entry (Ctrl+Shift+Return)</source>
        <translation>发送所选的集合条目（Ctrl+Shift+Return）</translation>
    </message>
    <message>
        <source>New &amp;collection…</source>
        <translation>新建集合(&amp;C)…</translation>
    </message>
    <message>
        <source>A new, empty collection</source>
        <translation>新建一个空集合</translation>
    </message>
    <message>
        <source>New &amp;folder…</source>
        <translation>新建文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>A folder in the selected collection</source>
        <translation>在所选集合中新建文件夹</translation>
    </message>
    <message>
        <source>New &amp;entry…</source>
        <translation>新建条目(&amp;E)…</translation>
    </message>
    <message>
        <source>A message in the selected folder</source>
        <translation>在所选文件夹中新建消息</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the selected entry</source>
        <translation>编辑所选条目</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>重命名(&amp;R)</translation>
    </message>
    <message>
        <source>Rename the selected item (F2)</source>
        <translation>重命名所选项（F2）</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected item</source>
        <translation>删除所选项</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Add a collection file (a copy is kept here)</source>
        <translation>添加集合文件（在此保存一份副本）</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Write the selected collection to a file</source>
        <translation>将所选集合写入文件</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>The environment {{env.NAME}} reads: each collection has its own values under this name</source>
        <translation>{{env.NAME}} 读取的环境：每个集合在此名称下有各自的值</translation>
    </message>
    <message>
        <source>Edit the selected collection&apos;s environments</source>
        <translation>编辑所选集合的环境</translation>
    </message>
    <message>
        <source>Not loaded: %1</source>
        <translation>未加载：%1</translation>
    </message>
    <message>
        <source>No environment</source>
        <translation>无环境</translation>
    </message>
    <message>
        <source>Choose an entry to send</source>
        <translation>请选择要发送的条目</translation>
    </message>
    <message>
        <source>%1 not sent: %2</source>
        <translation>%1 未发送：%2</translation>
    </message>
    <message>
        <source>%1 sent to %2 at %3</source>
        <translation>%1 已于 %3 发送到 %2</translation>
    </message>
    <message numerus="yes">
        <source>Sends %Ln byte(s) to %1: %2</source>
        <translation>
            <numerusform>发送 %Ln 字节到 %1：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>My collection</source>
        <translation>我的集合</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>新条目</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
    <message>
        <source>New collection</source>
        <translation>新建集合</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>新建文件夹</translation>
    </message>
    <message>
        <source>Delete the collection %1 and its file?</source>
        <translation>删除集合 %1 及其文件？</translation>
    </message>
    <message>
        <source>Delete the folder %1 and everything in it?</source>
        <translation>删除文件夹 %1 及其中的所有内容？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Import collection</source>
        <translation>导入集合</translation>
    </message>
    <message>
        <source>Collections (*.json);;All files (*)</source>
        <translation>集合 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>未导入：%1</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>已导入 %1</translation>
    </message>
    <message>
        <source>Export collection</source>
        <translation>导出集合</translation>
    </message>
    <message>
        <source>Collections (*.json)</source>
        <translation>集合 (*.json)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>&amp;Run collection script</source>
        <translation>运行集合脚本(&amp;R)</translation>
    </message>
    <message>
        <source>Run the selected script in the Script console (Ctrl+Shift+Return)</source>
        <translation>在脚本控制台中运行所选脚本（Ctrl+Shift+Return）</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>%1 not run: there is no script console</source>
        <translation>%1 未运行：没有脚本控制台</translation>
    </message>
    <message>
        <source>%1 not run: a script is still running in the Script console</source>
        <translation>%1 未运行：脚本控制台中仍有脚本在运行</translation>
    </message>
    <message>
        <source>%1 running in the Script console since %2</source>
        <translation>%1 自 %2 起在脚本控制台中运行</translation>
    </message>
    <message numerus="yes">
        <source>Runs in the Script console (%Ln line(s)); env() reads the active environment</source>
        <translation>
            <numerusform>在脚本控制台中运行（%Ln 行）；env() 读取当前环境</numerusform>
        </translation>
    </message>
    <message>
        <source>Write the script</source>
        <translation>请编写脚本</translation>
    </message>
</context>
<context>
    <name>ConnectionPane</name>
    <message>
        <source>Saved connection profiles</source>
        <translation>已保存的连接配置</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Add, duplicate, rename or delete profiles</source>
        <translation>添加、复制、重命名或删除配置</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>broker.example.com</source>
        <translation>broker.example.com</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>P&amp;rotocol:</source>
        <translation>协议(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Client id:</source>
        <translation>客户端 ID(&amp;C)：</translation>
    </message>
    <message>
        <source>generated when empty</source>
        <translation>留空则自动生成</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Keep-alive:</source>
        <translation>保活(&amp;K)：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>C&amp;lean session</source>
        <translation>清除会话(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Reconnect automatically</source>
        <translation>自动重新连接(&amp;R)</translation>
    </message>
    <message>
        <source>Last &amp;will</source>
        <translation>遗嘱消息(&amp;W)</translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Payload:</source>
        <translation>负载：</translation>
    </message>
    <message>
        <source>QoS:</source>
        <translation>QoS：</translation>
    </message>
    <message>
        <source>Retain</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>保存配置(&amp;S)</translation>
    </message>
    <message>
        <source>Co&amp;nnect</source>
        <translation>连接(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>MQTT 3.1</source>
        <translation>MQTT 3.1</translation>
    </message>
    <message>
        <source>MQTT 3.1.1</source>
        <translation>MQTT 3.1.1</translation>
    </message>
    <message>
        <source>0 - at most once</source>
        <translation>0 - 最多一次</translation>
    </message>
    <message>
        <source>1 - at least once</source>
        <translation>1 - 至少一次</translation>
    </message>
    <message>
        <source>2 - exactly once</source>
        <translation>2 - 恰好一次</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Generate a random client id</source>
        <translation>生成随机的客户端 ID</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>复制(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Local broker</source>
        <translation>本地服务器</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Enter the host name or address of the broker</source>
        <translation>请输入服务器的主机名或地址</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password for %1 on %2 (it is not stored):</source>
        <translation>%1 在 %2 上的密码（不会被保存）：</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Waiting for %1 to accept the connection…</source>
        <translation>正在等待 %1 接受连接…</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>Disconnecting…</source>
        <translation>正在断开…</translation>
    </message>
    <message>
        <source>Connection lost; reconnecting soon</source>
        <translation>连接已丢失；即将重新连接</translation>
    </message>
    <message>
        <source>Connection lost; reconnecting in %1 s (attempt %2)</source>
        <translation>连接已丢失；%1 秒后重新连接（第 %2 次尝试）</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>新配置</translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation>配置名称：</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; already exists.</source>
        <translation>名为“%1”的配置已存在。</translation>
    </message>
    <message>
        <source>Rename profile</source>
        <translation>重命名配置</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>删除配置</translation>
    </message>
    <message>
        <source>Delete the profile &quot;%1&quot; and its saved password?</source>
        <translation>删除配置“%1”及其保存的密码吗？</translation>
    </message>
    <message>
        <source>No keychain service is running, so the password was not saved; it will be asked for when connecting.</source>
        <translation>没有运行钥匙串服务，因此密码未保存；连接时会再询问密码。</translation>
    </message>
    <message>
        <source>MQTT 5.0</source>
        <translation>MQTT 5.0</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>密钥口令</translation>
    </message>
    <message>
        <source>Passphrase of the client key %1 (it is not stored):</source>
        <translation>客户端密钥 %1 的口令（不会被保存）：</translation>
    </message>
    <message>
        <source>Proxy password</source>
        <translation>代理密码</translation>
    </message>
    <message>
        <source>Password for %1 on the proxy %2 (it is not stored):</source>
        <translation>代理 %2 上 %1 的密码（不会被保存）：</translation>
    </message>
    <message>
        <source> (insecure: certificate not verified)</source>
        <translation>（不安全：未验证证书）</translation>
    </message>
    <message>
        <source>TCP (mqtt://)</source>
        <translation>TCP (mqtt://)</translation>
    </message>
    <message>
        <source>TLS (mqtts://)</source>
        <translation>TLS (mqtts://)</translation>
    </message>
    <message>
        <source>WebSocket (ws://)</source>
        <translation>WebSocket (ws://)</translation>
    </message>
    <message>
        <source>Secure WebSocket (wss://)</source>
        <translation>安全 WebSocket (wss://)</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>传输方式(&amp;T)：</translation>
    </message>
    <message>
        <source>WebSocket &amp;path:</source>
        <translation>WebSocket 路径(&amp;P)：</translation>
    </message>
    <message>
        <source>A host name or address, or a broker URL such as mqtts://broker.example.com:8883 or wss://broker.example.com/mqtt</source>
        <translation>主机名或地址，或服务器 URL，例如 mqtts://broker.example.com:8883 或 wss://broker.example.com/mqtt</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>CA 文件：</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>选择 CA 证书文件</translation>
    </message>
    <message>
        <source>system trust store</source>
        <translation>系统信任库</translation>
    </message>
    <message>
        <source>Client certificate:</source>
        <translation>客户端证书：</translation>
    </message>
    <message>
        <source>Choose the client certificate file</source>
        <translation>选择客户端证书文件</translation>
    </message>
    <message>
        <source>Client key:</source>
        <translation>客户端密钥：</translation>
    </message>
    <message>
        <source>Choose the client key file</source>
        <translation>选择客户端密钥文件</translation>
    </message>
    <message>
        <source>Key passphrase:</source>
        <translation>密钥口令：</translation>
    </message>
    <message>
        <source>the host (optional)</source>
        <translation>主机名（可选）</translation>
    </message>
    <message>
        <source>Server name (SNI):</source>
        <translation>服务器名称 (SNI)：</translation>
    </message>
    <message>
        <source>comma-separated, e.g. mqtt</source>
        <translation>以逗号分隔，例如 mqtt</translation>
    </message>
    <message>
        <source>ALPN:</source>
        <translation>ALPN：</translation>
    </message>
    <message>
        <source>TLS 1.2</source>
        <translation>TLS 1.2</translation>
    </message>
    <message>
        <source>TLS 1.3</source>
        <translation>TLS 1.3</translation>
    </message>
    <message>
        <source>Minimum version:</source>
        <translation>最低版本：</translation>
    </message>
    <message>
        <source>Allow insecure (skip certificate verification)</source>
        <translation>允许不安全连接（跳过证书验证）</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>System proxy</source>
        <translation>系统代理</translation>
    </message>
    <message>
        <source>SOCKS5</source>
        <translation>SOCKS5</translation>
    </message>
    <message>
        <source>HTTP CONNECT</source>
        <translation>HTTP CONNECT</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>⚠ Certificate verification is off: anyone between you and the broker can read and change this connection.</source>
        <translation>⚠ 证书验证已关闭：您与服务器之间的任何人都可以读取和篡改此连接。</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Broker URL: %1</source>
        <translation>服务器 URL：%1</translation>
    </message>
    <message>
        <source>MQTT 5.0 options</source>
        <translation>MQTT 5.0 选项</translation>
    </message>
    <message>
        <source>Session e&amp;xpiry:</source>
        <translation>会话过期(&amp;X)：</translation>
    </message>
    <message>
        <source>How long the broker keeps the session after the connection ends: a number of seconds, &quot;at disconnect&quot; (0) or &quot;never&quot;</source>
        <translation>连接结束后服务器保留会话的时长：秒数、“断开时”（0）或“永不”</translation>
    </message>
    <message>
        <source>Receive maximum:</source>
        <translation>接收最大值：</translation>
    </message>
    <message>
        <source>65535 (default)</source>
        <translation>65535（默认）</translation>
    </message>
    <message>
        <source>How many QoS 1 and 2 messages the broker may send before they are acknowledged (1 to 65535)</source>
        <translation>服务器在收到确认之前最多可以发送多少条 QoS 1 和 2 消息（1 到 65535）</translation>
    </message>
    <message>
        <source>Maximum packet size:</source>
        <translation>最大报文大小：</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无限制</translation>
    </message>
    <message>
        <source>The largest packet, in bytes, the broker may send (1 to 4294967295)</source>
        <translation>服务器可以发送的最大报文，以字节计（1 到 4294967295）</translation>
    </message>
    <message>
        <source>Topic alias maximum:</source>
        <translation>主题别名最大值：</translation>
    </message>
    <message>
        <source>0 (no aliases)</source>
        <translation>0（不用别名）</translation>
    </message>
    <message>
        <source>How many topic aliases the broker may set (0 to 65535)</source>
        <translation>服务器最多可以设置多少个主题别名（0 到 65535）</translation>
    </message>
    <message>
        <source>Request response information</source>
        <translation>请求响应信息</translation>
    </message>
    <message>
        <source>Request problem information</source>
        <translation>请求问题信息</translation>
    </message>
    <message>
        <source>Let the broker add reason strings and user properties when something fails</source>
        <translation>出错时允许服务器附带原因字符串和用户属性</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>认证(&amp;A)：</translation>
    </message>
    <message>
        <source>Enhanced authentication with the user name and password above</source>
        <translation>使用上面的用户名和密码进行增强认证</translation>
    </message>
    <message>
        <source>User properties:</source>
        <translation>用户属性：</translation>
    </message>
    <message>
        <source>Name and value pairs sent as they are, in this order; a name may repeat</source>
        <translation>按此顺序原样发送的名称和值；名称可以重复</translation>
    </message>
    <message>
        <source>Add a user property</source>
        <translation>添加用户属性</translation>
    </message>
    <message>
        <source>Remove the selected user property</source>
        <translation>删除所选用户属性</translation>
    </message>
    <message>
        <source>Will properties</source>
        <translation>遗嘱属性</translation>
    </message>
    <message>
        <source>Delay:</source>
        <translation>延迟：</translation>
    </message>
    <message>
        <source>0 s</source>
        <translation>0 秒</translation>
    </message>
    <message>
        <source>Seconds the broker waits after the connection is lost before it publishes the will (0 to 4294967295)</source>
        <translation>连接断开后服务器等待多少秒再发布遗嘱（0 到 4294967295）</translation>
    </message>
    <message>
        <source>Message expiry:</source>
        <translation>消息过期：</translation>
    </message>
    <message>
        <source>never</source>
        <translation>永不</translation>
    </message>
    <message>
        <source>Seconds the will message lives at the broker (0 to 4294967295); empty: it does not expire</source>
        <translation>遗嘱消息在服务器上保留的秒数（0 到 4294967295）；留空：不过期</translation>
    </message>
    <message>
        <source>Payload is UTF-8 text</source>
        <translation>负载是 UTF-8 文本</translation>
    </message>
    <message>
        <source>Payload format indicator</source>
        <translation>负载格式指示</translation>
    </message>
    <message>
        <source>Content type:</source>
        <translation>内容类型：</translation>
    </message>
    <message>
        <source>e.g. application/json</source>
        <translation>例如 application/json</translation>
    </message>
    <message>
        <source>Response topic:</source>
        <translation>响应主题：</translation>
    </message>
    <message>
        <source>Correlation data:</source>
        <translation>关联数据：</translation>
    </message>
    <message>
        <source>Sent as the UTF-8 bytes of this text</source>
        <translation>以此文本的 UTF-8 字节发送</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>What the broker said when it accepted the connection (CONNACK)</source>
        <translation>服务器接受连接时告知的内容（CONNACK）</translation>
    </message>
    <message>
        <source>%1: enter a whole number from %2 to %3, or leave it empty</source>
        <translation>%1：请输入 %2 到 %3 之间的整数，或留空</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: %3</source>
        <translation>%1“%2”：%3</translation>
    </message>
    <message>
        <source>%1 (reason code 0x%2)</source>
        <translation>%1（原因码 0x%2）</translation>
    </message>
    <message>
        <source>at disconnect</source>
        <translation>断开时</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1 周</translation>
    </message>
    <message>
        <source>These options need MQTT 5.0: choose it as the protocol</source>
        <translation>这些选项需要 MQTT 5.0：请选择它作为协议</translation>
    </message>
    <message>
        <source>Turn on the last will to set these</source>
        <translation>启用遗嘱后才能设置这些</translation>
    </message>
    <message>
        <source>C&amp;lean start</source>
        <translation>全新开始(&amp;L)</translation>
    </message>
    <message>
        <source>Session expiry: enter a number of seconds from 0 to %1, &quot;at disconnect&quot; or &quot;never&quot;</source>
        <translation>会话过期：请输入 0 到 %1 之间的秒数，或“断开时”、“永不”</translation>
    </message>
    <message>
        <source>Receive maximum</source>
        <translation>接收最大值</translation>
    </message>
    <message>
        <source>Maximum packet size</source>
        <translation>最大报文大小</translation>
    </message>
    <message>
        <source>Topic alias maximum</source>
        <translation>主题别名最大值</translation>
    </message>
    <message>
        <source>User property</source>
        <translation>用户属性</translation>
    </message>
    <message>
        <source>Will delay</source>
        <translation>遗嘱延迟</translation>
    </message>
    <message>
        <source>Will message expiry</source>
        <translation>遗嘱消息过期</translation>
    </message>
    <message>
        <source>Will content type: %1</source>
        <translation>遗嘱内容类型：%1</translation>
    </message>
    <message>
        <source>Will response topic: %1</source>
        <translation>遗嘱响应主题：%1</translation>
    </message>
    <message>
        <source>Will correlation data: at most %1 bytes</source>
        <translation>遗嘱关联数据：最多 %1 字节</translation>
    </message>
    <message>
        <source>Will user property</source>
        <translation>遗嘱用户属性</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <source>Assigned client id</source>
        <translation>分配的客户端 ID</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>客户端 ID</translation>
    </message>
    <message>
        <source>Session present</source>
        <translation>会话已存在</translation>
    </message>
    <message>
        <source>Session expiry</source>
        <translation>会话过期</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Maximum QoS</source>
        <translation>最大 QoS</translation>
    </message>
    <message>
        <source>Retain available</source>
        <translation>支持保留消息</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Server keep alive</source>
        <translation>服务器保活</translation>
    </message>
    <message>
        <source>%1 s, as requested</source>
        <translation>%1 秒，与请求相同</translation>
    </message>
    <message>
        <source>Wildcard subscriptions</source>
        <translation>通配符订阅</translation>
    </message>
    <message>
        <source>Subscription identifiers</source>
        <translation>订阅标识符</translation>
    </message>
    <message>
        <source>Shared subscriptions</source>
        <translation>共享订阅</translation>
    </message>
    <message>
        <source>Reason string</source>
        <translation>原因字符串</translation>
    </message>
    <message>
        <source>Server reference</source>
        <translation>服务器引用</translation>
    </message>
    <message>
        <source>Response information</source>
        <translation>响应信息</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Shorten repeated topics with topic aliases</source>
        <translation>使用主题别名缩短重复的主题</translation>
    </message>
    <message>
        <source>The first message to a topic carries the topic and an alias, later ones the alias alone. The broker&apos;s Topic Alias Maximum bounds how many topics are shortened; when it allows none, every topic is sent in full.</source>
        <translation>发往某个主题的第一条消息携带主题和别名，之后的消息只携带别名。服务器的主题别名最大值限制可缩短的主题数量；服务器不允许别名时，每个主题都完整发送。</translation>
    </message>
    <message>
        <source>R&amp;e-authenticate</source>
        <translation>重新认证(&amp;E)</translation>
    </message>
    <message>
        <source>Prove the credentials again on the open connection, without reconnecting (MQTT 5.0 AUTH)</source>
        <translation>在已打开的连接上再次证明凭据，无需重新连接（MQTT 5.0 AUTH）</translation>
    </message>
    <message>
        <source>Re-authenticating…</source>
        <translation>正在重新认证…</translation>
    </message>
    <message>
        <source>Re-authenticated at %1</source>
        <translation>已于 %1 重新认证</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Connect first: re-authentication works on an open connection</source>
        <translation>请先连接：重新认证只能在已打开的连接上进行</translation>
    </message>
    <message>
        <source>Re-authentication needs an MQTT 5.0 connection</source>
        <translation>重新认证需要 MQTT 5.0 连接</translation>
    </message>
    <message>
        <source>Re-authentication needs a connection made with an authentication method</source>
        <translation>重新认证需要使用认证方法建立的连接</translation>
    </message>
    <message>
        <source>Waiting for the broker to answer the re-authentication</source>
        <translation>正在等待服务器响应重新认证</translation>
    </message>
    <message>
        <source>Port of the broker: 1 to 65535 (MQTT 1883, MQTT over TLS 8883)</source>
        <translation>服务器端口：1 到 65535（MQTT 为 1883，基于 TLS 的 MQTT 为 8883）</translation>
    </message>
    <message>
        <source>%1 is not a port: enter a number from 1 to 65535</source>
        <translation>%1 不是有效端口：请输入 1 到 65535 之间的数字</translation>
    </message>
    <message>
        <source>Could not connect to %1; trying again soon</source>
        <translation>无法连接到 %1；即将重试</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Stop trying to connect</source>
        <translation>停止尝试连接</translation>
    </message>
    <message numerus="yes">
        <source>Could not connect to %1 (%Ln attempt(s)); next try in %2 s. Cancel stops trying.</source>
        <translation>
            <numerusform>无法连接到 %1（已尝试 %Ln 次）；%2 秒后再次尝试。点击“取消”停止尝试。</numerusform>
        </translation>
    </message>
    <message>
        <source>no server reference</source>
        <translation>没有服务器引用</translation>
    </message>
    <message>
        <source>%1 sent us to %2 (%3)</source>
        <translation>%1 让我们改连 %2（%3）</translation>
    </message>
    <message>
        <source>%1 named another server: %2 (%3; not followed)</source>
        <translation>%1 指定了另一个服务器：%2（%3；未跟随）</translation>
    </message>
    <message>
        <source>%1 (named by a server reference)</source>
        <translation>%1（由服务器引用指定）</translation>
    </message>
    <message>
        <source>%1 (broker %2 of %3)</source>
        <translation>%1（第 %2 个服务器，共 %3 个）</translation>
    </message>
    <message>
        <source>C&amp;onnect at start</source>
        <translation>启动时连接(&amp;O)</translation>
    </message>
    <message>
        <source>When Switchboard closes with this connection open and connected, it is opened and connected again at the next start</source>
        <translation>若 Switchboard 关闭时此连接已打开并已连接，下次启动时会再次打开并连接</translation>
    </message>
    <message>
        <source>Payload deco&amp;ding…</source>
        <translation>负载解码(&amp;D)…</translation>
    </message>
    <message>
        <source>Which decoder shows the payloads of which topics (Protobuf, Sparkplug B, CBOR, MessagePack…), and the folders of your .proto files</source>
        <translation>哪些主题的负载用哪种解码器显示（Protobuf、Sparkplug B、CBOR、MessagePack…），以及 .proto 文件所在的文件夹</translation>
    </message>
    <message>
        <source>Payloads: formats guessed</source>
        <translation>负载：自动猜测格式</translation>
    </message>
    <message numerus="yes">
        <source>Payloads: %Ln decoding rule(s)</source>
        <translation>
            <numerusform>负载：%Ln 条解码规则</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionWorkspace</name>
    <message>
        <source>sent after waiting for the connection</source>
        <translation>等待连接后已发送</translation>
    </message>
    <message>
        <source>%1 (0x%2)</source>
        <translation>%1（0x%2）</translation>
    </message>
    <message>
        <source>queued: waiting for the connection</source>
        <translation>已排队：等待连接</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Connection lost %1</source>
        <translation>连接于 %1 断开</translation>
    </message>
    <message>
        <source>Connection lost %1: %2</source>
        <translation>连接于 %1 断开：%2</translation>
    </message>
    <message>
        <source>%1; reconnecting…</source>
        <translation>%1；正在重新连接…</translation>
    </message>
    <message>
        <source>Connection lost %1 — reconnected %2, session resumed</source>
        <translation>连接于 %1 断开 — %2 重新连接，会话已恢复</translation>
    </message>
    <message numerus="yes">
        <source>Connection lost %1 — reconnected %2, %Ln subscription(s) restored</source>
        <translation>
            <numerusform>连接于 %1 断开 — %2 重新连接，已恢复 %Ln 个订阅</numerusform>
        </translation>
    </message>
    <message>
        <source>decoded on its own: it did not reach this connection&apos;s Sparkplug B session as it arrived, so aliases and sequence numbers are not checked</source>
        <translation>单独解码：它到达时未经过此连接的 Sparkplug B 会话，因此别名和序号未经检查</translation>
    </message>
</context>
<context>
    <name>DecodeAsDialog</name>
    <message>
        <source>Decode as</source>
        <translation>解码为</translation>
    </message>
    <message>
        <source>Payloads of the topics this filter matches are decoded with the decoder chosen here. The rule goes first in the connection&apos;s rules and is saved with its profile; widen the filter with + or # to cover similar topics.</source>
        <translation>此过滤器匹配的主题，其负载将用这里选择的解码器解码。该规则排在此连接规则的最前面，并随配置文件保存;可用 + 或 # 放宽过滤器以涵盖相似主题。</translation>
    </message>
</context>
<context>
    <name>DecodeRuleForm</name>
    <message>
        <source>e.g. fleet/+/reading</source>
        <translation>例如 fleet/+/reading</translation>
    </message>
    <message>
        <source>The topics this rule decodes: an MQTT topic filter (+ matches one level, # the rest)</source>
        <translation>此规则解码的主题：一个 MQTT 主题过滤器（+ 匹配一级，# 匹配其余所有级）</translation>
    </message>
    <message>
        <source>Topic &amp;filter:</source>
        <translation>主题过滤器(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Decoder:</source>
        <translation>解码器(&amp;D)：</translation>
    </message>
    <message>
        <source>Message &amp;type:</source>
        <translation>消息类型(&amp;T)：</translation>
    </message>
    <message>
        <source>The full name of a message type in the .proto files, e.g. acme.Reading</source>
        <translation>.proto 文件中消息类型的完整名称，例如 acme.Reading</translation>
    </message>
    <message>
        <source>Number &amp;format:</source>
        <translation>数字格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Size, kind and byte order of each number, e.g. float32le</source>
        <translation>每个数字的大小、类型和字节序，例如 float32le</translation>
    </message>
    <message>
        <source>Give the topics this rule is for (a topic filter)</source>
        <translation>请给出此规则适用的主题（一个主题过滤器）</translation>
    </message>
    <message>
        <source>No .proto files are loaded: add the folder that holds %1 under .proto folders (Payload decoding…)</source>
        <translation>未加载任何 .proto 文件：请在 .proto 文件夹中添加包含 %1 的文件夹（负载解码…）</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Only Protobuf (a message type) and numbers (a format) take one</source>
        <translation>只有 Protobuf（消息类型）和数字（格式）需要此项</translation>
    </message>
</context>
<context>
    <name>DecodeRulesEditor</name>
    <message>
        <source>%1 → %2</source>
        <comment>topic filter → decoder</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>(no filter)</source>
        <translation>（无过滤器）</translation>
    </message>
    <message>
        <source>Payload decoding</source>
        <translation>负载解码</translation>
    </message>
    <message>
        <source>Rules in order: the first whose topic filter matches a topic decodes its payloads. Topics no rule names are guessed (and shown as a guess).</source>
        <translation>规则按顺序生效：第一条主题过滤器匹配某主题的规则解码其负载。没有规则的主题将自动猜测格式（并标明是猜测）。</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>.proto folders (every .proto below them is read):</source>
        <translation>.proto 文件夹（读取其下的所有 .proto 文件）：</translation>
    </message>
    <message>
        <source>Add &amp;folder…</source>
        <translation>添加文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Remo&amp;ve folder</source>
        <translation>移除文件夹(&amp;V)</translation>
    </message>
    <message>
        <source>Folder with .proto files</source>
        <translation>包含 .proto 文件的文件夹</translation>
    </message>
    <message>
        <source>Some .proto files do not load:
%1</source>
        <translation>部分 .proto 文件无法加载：
%1</translation>
    </message>
    <message>
        <source>Rule %1 cannot be used: %2</source>
        <translation>规则 %1 无法使用：%2</translation>
    </message>
</context>
<context>
    <name>DecodedPayloadView</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Base64</source>
        <translation>Base64</translation>
    </message>
    <message>
        <source>CBOR</source>
        <translation>CBOR</translation>
    </message>
    <message>
        <source>MessagePack</source>
        <translation>MessagePack</translation>
    </message>
    <message>
        <source>Protobuf</source>
        <translation>Protobuf</translation>
    </message>
    <message>
        <source>Sparkplug B</source>
        <translation>Sparkplug B</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>decoder (message type)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 (at byte %2)</source>
        <translation>%1（位于第 %2 字节）</translation>
    </message>
    <message>
        <source>Does not decode as %1: %2. Shown as hex.</source>
        <translation>无法按 %1 解码：%2。以十六进制显示。</translation>
    </message>
    <message>
        <source>guessed: %1</source>
        <translation>猜测：%1</translation>
    </message>
    <message>
        <source>Decoded as %1 (rule %2)</source>
        <translation>已按 %1 解码（规则 %2）</translation>
    </message>
    <message>
        <source>No rule names a decoder for this topic: the format was guessed. &quot;Decode as…&quot; in the context menu of the topic or the message sets one.</source>
        <translation>没有规则为此主题指定解码器：格式是猜测的。在主题或消息的右键菜单中选择“解码为…”即可设置。</translation>
    </message>
    <message>
        <source>Chart this…</source>
        <translation>绘制图表…</translation>
    </message>
    <message>
        <source>Decoding %1…</source>
        <translation>正在解码 %1…</translation>
    </message>
</context>
<context>
    <name>DecodedTreeModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>null</source>
        <translation>空值</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>array</source>
        <translation>数组</translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message>
        <source>Compare payloads</source>
        <translation>比较负载</translation>
    </message>
    <message>
        <source>Old:</source>
        <translation>旧：</translation>
    </message>
    <message>
        <source>New:</source>
        <translation>新：</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>guessed: %1</source>
        <translation>猜测：%1</translation>
    </message>
    <message>
        <source>Comparing %1 with %2…</source>
        <translation>正在比较 %1 与 %2…</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>旧值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>(whole payload)</source>
        <translation>（整个负载）</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <comment>a value&apos;s kind changed, e.g. number → string</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Compared as decoded trees: objects by key, arrays by index.</source>
        <translation>按解码后的树比较：对象按键，数组按索引。</translation>
    </message>
    <message>
        <source>The payloads are equal.</source>
        <translation>两个负载相同。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s)</source>
        <translation>
            <numerusform>%Ln 处变化</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 added, %2 removed, %3 changed</source>
        <translation>新增 %1，删除 %2，修改 %3</translation>
    </message>
    <message>
        <source>(the first %1 are listed)</source>
        <translation>（只列出前 %1 处）</translation>
    </message>
    <message numerus="yes">
        <source>⋯ %Ln unchanged line(s)</source>
        <translation>
            <numerusform>⋯ %Ln 行未变</numerusform>
        </translation>
    </message>
    <message>
        <source>⋯ the rest is not compared line by line</source>
        <translation>⋯ 其余部分未逐行比较</translation>
    </message>
    <message>
        <source>Compared line by line.</source>
        <translation>逐行比较。</translation>
    </message>
    <message>
        <source>Too large to diff line by line: showing the first difference, at line %1.</source>
        <translation>太大，无法逐行比较：只显示第一处差异，在第 %1 行。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) removed</source>
        <translation>
            <numerusform>删除 %Ln 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) added</source>
        <translation>
            <numerusform>新增 %Ln 行</numerusform>
        </translation>
    </message>
    <message>
        <source>At byte %1 (0x%2):</source>
        <translation>第 %1 字节处（0x%2）：</translation>
    </message>
    <message numerus="yes">
        <source>⋯ %Ln more row(s)</source>
        <translation>
            <numerusform>⋯ 另有 %Ln 行</numerusform>
        </translation>
    </message>
    <message>
        <source>⋯ more differences are not shown</source>
        <translation>⋯ 更多差异未显示</translation>
    </message>
    <message>
        <source>Compared byte by byte, at the same offsets (old %1, new %2).</source>
        <translation>按相同偏移逐字节比较（旧 %1，新 %2）。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln 字节</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s) differ</source>
        <translation>
            <numerusform>%Ln 字节不同</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in more than %Ln range(s)</source>
        <translation>
            <numerusform>分布在 %Ln 个以上的区段</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %Ln range(s)</source>
        <translation>
            <numerusform>分布在 %Ln 个区段</numerusform>
        </translation>
    </message>
    <message>
        <source>null</source>
        <translation>空值</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节串</translation>
    </message>
    <message>
        <source>object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>array</source>
        <translation>数组</translation>
    </message>
</context>
<context>
    <name>Environment</name>
    <message>
        <source>line %1: expected NAME=value, where NAME starts with a letter</source>
        <translation>第 %1 行：应为 NAME=value，且 NAME 以字母开头</translation>
    </message>
</context>
<context>
    <name>FailoverEditor</name>
    <message>
        <source>Failover brokers</source>
        <translation>故障转移服务器</translation>
    </message>
    <message>
        <source>Tried in this order when the broker above cannot be reached, refuses or is lost; one URL a row, e.g. mqtt://host:1883.</source>
        <translation>上面的服务器无法连接、拒绝连接或连接断开时，按此顺序尝试；每行一个 URL，例如 mqtt://host:1883。</translation>
    </message>
    <message>
        <source>Add a broker</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Remove the selected broker</source>
        <translation>删除所选服务器</translation>
    </message>
    <message>
        <source>Try the selected broker earlier</source>
        <translation>提前尝试所选服务器</translation>
    </message>
    <message>
        <source>Try the selected broker later</source>
        <translation>推后尝试所选服务器</translation>
    </message>
    <message>
        <source>A broker that answers &quot;Use another server&quot; or &quot;Server moved&quot; with a server reference sends the next attempt there.</source>
        <translation>服务器以“使用其他服务器”或“服务器已迁移”并附带服务器引用回应时，下一次尝试连接所引用的服务器。</translation>
    </message>
    <message>
        <source>Failover broker %1: %2</source>
        <translation>故障转移服务器 %1：%2</translation>
    </message>
    <message>
        <source>&amp;Follow a server reference (MQTT 5.0)</source>
        <translation>跟随服务器引用(&amp;F)（MQTT 5.0）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Subscriptions and topics</source>
        <translation>订阅和主题</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export log…</source>
        <translation>导出日志(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>消息(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;ause log</source>
        <translation>暂停日志(&amp;A)</translation>
    </message>
    <message>
        <source>Pause or resume the log (Space in the log, Ctrl+P)</source>
        <translation>暂停或继续日志（在日志中按空格键，或 Ctrl+P）</translation>
    </message>
    <message>
        <source>C&amp;lear log</source>
        <translation>清空日志(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Switchboard</source>
        <translation>关于 Switchboard(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Disconnecting…</source>
        <translation>正在断开…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message>
        <source>Broker %1:%2</source>
        <translation>服务器 %1:%2</translation>
    </message>
    <message>
        <source>In %1/s · Out %2/s</source>
        <translation>收 %1/秒 · 发 %2/秒</translation>
    </message>
    <message>
        <source>Received %1 · Sent %2</source>
        <translation>已接收 %1 · 已发送 %2</translation>
    </message>
    <message>
        <source>About Switchboard</source>
        <translation>关于 Switchboard</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language takes effect when Switchboard is started again.</source>
        <translation>新语言将在重新启动 Switchboard 后生效。</translation>
    </message>
    <message>
        <source>Connected (insecure)</source>
        <translation>已连接（不安全）</translation>
    </message>
    <message>
        <source>Request/response</source>
        <translation>请求/响应</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Request/response…</source>
        <translation>请求/响应(&amp;R)…</translation>
    </message>
    <message>
        <source>Send MQTT 5.0 requests and pair their responses by correlation data</source>
        <translation>发送 MQTT 5.0 请求，并按关联数据配对其响应</translation>
    </message>
    <message>
        <source>Send requests and pair their responses</source>
        <translation>发送请求并配对其响应</translation>
    </message>
    <message>
        <source>Needs a connection with MQTT 5.0</source>
        <translation>需要使用 MQTT 5.0 的连接</translation>
    </message>
    <message>
        <source>Switchboard %1

A desktop MQTT client: connect to a broker, watch the topic tree and a live message log, publish with a chosen QoS and retain flag.

Speaks MQTT 3.1, 3.1.1 and 5.0 through its own engine. Built with Qt %2.</source>
        <translation>Switchboard %1

桌面 MQTT 客户端：连接服务器，查看主题树和实时消息日志，按所选 QoS 和保留标志发布消息。

通过自带的引擎支持 MQTT 3.1、3.1.1 和 5.0。基于 Qt %2 构建。</translation>
    </message>
    <message>
        <source>Could not connect; retrying…</source>
        <translation>无法连接；正在重试…</translation>
    </message>
    <message>
        <source>Messages published while not connected wait in the queue and are sent when the connection is up</source>
        <translation>未连接时发布的消息在队列中等待，连接建立后发送</translation>
    </message>
    <message numerus="yes">
        <source>%Ln queued</source>
        <translation>
            <numerusform>%Ln 条排队中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Log: %Ln message(s), %1</source>
        <translation>
            <numerusform>日志：%Ln 条消息，%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cleared %Ln retained message(s)</source>
        <translation>
            <numerusform>已清除 %Ln 条保留消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cleared %Ln retained message(s) at and below &quot;%1&quot;</source>
        <translation>
            <numerusform>已清除“%1”及其下级的 %Ln 条保留消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %Ln retained message(s) on the broker</source>
        <translation>
            <numerusform>在服务器上找到 %Ln 条保留消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %Ln retained message(s) at and below &quot;%1&quot;</source>
        <translation>
            <numerusform>在“%1”及其下级找到 %Ln 条保留消息</numerusform>
        </translation>
    </message>
    <message>
        <source>Finding retained messages failed: %1</source>
        <translation>查找保留消息失败：%1</translation>
    </message>
    <message>
        <source>&amp;Topic tree layout</source>
        <translation>主题树布局(&amp;T)</translation>
    </message>
    <message>
        <source>Show the topic tree in the middle, with the selected topic&apos;s value and history beside it, in place of the message log</source>
        <translation>在窗口中间显示主题树（代替消息日志），并在旁边显示所选主题的值和历史</translation>
    </message>
    <message>
        <source>Finding retained messages on the broker…</source>
        <translation>正在服务器上查找保留消息…</translation>
    </message>
    <message>
        <source>Finding retained messages at and below &quot;%1&quot;…</source>
        <translation>正在“%1”及其下级查找保留消息…</translation>
    </message>
    <message>
        <source>New connection (Ctrl+N)</source>
        <translation>新建连接 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Publish &amp;on:</source>
        <translation>发布到(&amp;O)：</translation>
    </message>
    <message>
        <source>The connection the composer publishes on</source>
        <translation>撰写器用来发布的连接</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>%1 (%2:%3)</source>
        <translation>%1 (%2:%3)</translation>
    </message>
    <message>
        <source>All connections</source>
        <translation>全部连接</translation>
    </message>
    <message>
        <source>The messages of every open connection in one log and one tree</source>
        <translation>所有已打开连接的消息，汇总在一个日志和一棵树中</translation>
    </message>
    <message>
        <source>&amp;New connection</source>
        <translation>新建连接(&amp;N)</translation>
    </message>
    <message>
        <source>Open another connection in this window, with its own subscriptions, topic tree and log</source>
        <translation>在此窗口中再打开一个连接，它有自己的订阅、主题树和日志</translation>
    </message>
    <message>
        <source>Close c&amp;onnection</source>
        <translation>关闭连接(&amp;O)</translation>
    </message>
    <message>
        <source>Connections as t&amp;abs</source>
        <translation>连接显示为标签页(&amp;A)</translation>
    </message>
    <message>
        <source>List the open connections as tabs above the log</source>
        <translation>在日志上方以标签页列出已打开的连接</translation>
    </message>
    <message>
        <source>Connections in a &amp;list</source>
        <translation>连接显示为列表(&amp;L)</translation>
    </message>
    <message>
        <source>List the open connections in a dock beside the log</source>
        <translation>在日志旁的停靠窗格中列出已打开的连接</translation>
    </message>
    <message>
        <source>The connection the docks and the composer act on</source>
        <translation>停靠窗格和撰写器所作用的连接</translation>
    </message>
    <message numerus="yes">
        <source>Each of the %Ln open connections keeps at most %1 in its log</source>
        <translation>
            <numerusform>%Ln 个已打开的连接各自的日志最多保留 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Payload decoding…</source>
        <translation>负载解码(&amp;P)…</translation>
    </message>
    <message>
        <source>Which decoder shows the payloads of which topics, for the current connection</source>
        <translation>当前连接中哪些主题的负载用哪种解码器显示</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>集合</translation>
    </message>
    <message>
        <source>Script console</source>
        <translation>脚本控制台</translation>
    </message>
    <message>
        <source>&amp;Script console</source>
        <translation>脚本控制台(&amp;S)</translation>
    </message>
    <message>
        <source>Run JavaScript that connects, publishes, expects messages and tests devices</source>
        <translation>运行 JavaScript：连接、发布、等待消息并测试设备</translation>
    </message>
</context>
<context>
    <name>MessageExporter</name>
    <message>
        <source>Nothing to export.</source>
        <translation>没有可导出的内容。</translation>
    </message>
    <message>
        <source>The output is not open for writing.</source>
        <translation>输出未以写入方式打开。</translation>
    </message>
    <message>
        <source>Could not write: %1</source>
        <translation>无法写入：%1</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
</context>
<context>
    <name>MessageFilterProxyModel</name>
    <message>
        <source>Invalid regular expression at character %1: %2</source>
        <translation>正则表达式在第 %1 个字符处无效：%2</translation>
    </message>
</context>
<context>
    <name>MessageLogModel</name>
    <message>
        <source>out</source>
        <translation>发</translation>
    </message>
    <message>
        <source>in</source>
        <translation>收</translation>
    </message>
    <message>
        <source>retain</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>dup</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>QoS</source>
        <translation>QoS</translation>
    </message>
    <message>
        <source>Retain</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Dup</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>Props</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>waiting for the broker&apos;s answer</source>
        <translation>正在等待服务器的答复</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
</context>
<context>
    <name>MessageLogPane</name>
    <message>
        <source>Topic filter, e.g. sensors/+/temperature</source>
        <translation>主题过滤器，例如 sensors/+/temperature</translation>
    </message>
    <message>
        <source>Payload contains…</source>
        <translation>负载包含…</translation>
    </message>
    <message>
        <source>Rege&amp;x</source>
        <translation>正则(&amp;X)</translation>
    </message>
    <message>
        <source>Match the payload with a regular expression</source>
        <translation>用正则表达式匹配负载</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>清空(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Follow new messages</source>
        <translation>跟随新消息(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Show as:</source>
        <translation>显示为(&amp;S)：</translation>
    </message>
    <message>
        <source>Select a message to see its payload</source>
        <translation>选择一条消息以查看其负载</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>JSON (pretty)</source>
        <translation>JSON（格式化）</translation>
    </message>
    <message>
        <source>Hex dump</source>
        <translation>十六进制转储</translation>
    </message>
    <message>
        <source>Base64</source>
        <translation>Base64</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>QoS %1</source>
        <translation>QoS %1</translation>
    </message>
    <message>
        <source>retained</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Showing %1 of %2</source>
        <translation>显示 %1 / %2</translation>
    </message>
    <message>
        <source>held %1</source>
        <translation>暂存 %1</translation>
    </message>
    <message>
        <source>dropped %1</source>
        <translation>丢弃 %1</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines（*.jsonl）</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV（*.csv）</translation>
    </message>
    <message>
        <source>Export the log</source>
        <translation>导出日志</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>There is no log to export</source>
        <translation>没有可导出的日志</translation>
    </message>
    <message>
        <source>Shows the messages whose payload, or the value of one of their MQTT 5.0 user properties, contains this text</source>
        <translation>显示负载或某个 MQTT 5.0 用户属性的值包含此文本的消息</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>broker: %1</source>
        <translation>服务器：%1</translation>
    </message>
    <message>
        <source>The selected message is hidden by the log&apos;s filters; it is still shown here.</source>
        <translation>所选消息被日志筛选条件隐藏；此处仍显示它。</translation>
    </message>
    <message>
        <source>The selected message has left the log (the oldest messages make room for new ones); it is still shown here.</source>
        <translation>所选消息已离开日志（最旧的消息为新消息腾出空间）；此处仍显示它。</translation>
    </message>
    <message>
        <source>Connection event · %1</source>
        <translation>连接事件 · %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <comment>direction on connection</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Decoded tree</source>
        <translation>解码树</translation>
    </message>
    <message>
        <source>&amp;Decode as…</source>
        <translation>解码为(&amp;D)…</translation>
    </message>
    <message>
        <source>Compare with previous</source>
        <translation>与上一条比较</translation>
    </message>
    <message>
        <source>Compare this message with the previous message on its topic</source>
        <translation>将此消息与同一主题的上一条消息比较</translation>
    </message>
    <message>
        <source>Compare with previous on this topic</source>
        <translation>与此主题的上一条比较</translation>
    </message>
    <message>
        <source>Compare selected</source>
        <translation>比较所选消息</translation>
    </message>
</context>
<context>
    <name>Mqtt</name>
    <message>
        <source>Malformed %1 packet: %2</source>
        <translation>格式错误的 %1 报文：%2</translation>
    </message>
    <message>
        <source>Protocol error in %1 packet: %2</source>
        <translation>%1 报文中的协议错误：%2</translation>
    </message>
    <message>
        <source>it ends too early</source>
        <translation>它过早结束</translation>
    </message>
    <message>
        <source>it has bytes left over at the end</source>
        <translation>它末尾有多余的字节</translation>
    </message>
    <message>
        <source>the packet type is reserved</source>
        <translation>报文类型是保留值</translation>
    </message>
    <message>
        <source>the fixed header flags must be 0010</source>
        <translation>固定报头标志必须是 0010</translation>
    </message>
    <message>
        <source>the fixed header flags must be 0000</source>
        <translation>固定报头标志必须是 0000</translation>
    </message>
    <message>
        <source>unknown protocol name or level</source>
        <translation>未知的协议名或协议级别</translation>
    </message>
    <message>
        <source>the reserved flag is set</source>
        <translation>设置了保留标志</translation>
    </message>
    <message>
        <source>the will QoS is 3</source>
        <translation>遗嘱 QoS 为 3</translation>
    </message>
    <message>
        <source>will QoS or retain is set without a will</source>
        <translation>没有遗嘱却设置了遗嘱 QoS 或保留标志</translation>
    </message>
    <message>
        <source>a password is set without a user name</source>
        <translation>设置了密码但没有用户名</translation>
    </message>
    <message>
        <source>reserved acknowledge flags are set</source>
        <translation>设置了保留的确认标志</translation>
    </message>
    <message>
        <source>a refusal cannot carry the session present flag</source>
        <translation>拒绝连接时不能带有会话存在标志</translation>
    </message>
    <message>
        <source>MQTT 3.1 has no session present flag</source>
        <translation>MQTT 3.1 没有会话存在标志</translation>
    </message>
    <message>
        <source>the QoS is 3</source>
        <translation>QoS 为 3</translation>
    </message>
    <message>
        <source>DUP is set on a QoS 0 message</source>
        <translation>QoS 0 消息设置了 DUP</translation>
    </message>
    <message>
        <source>the packet identifier is 0</source>
        <translation>报文标识符为 0</translation>
    </message>
    <message>
        <source>the topic name is empty</source>
        <translation>主题名为空</translation>
    </message>
    <message>
        <source>the topic name contains a wildcard</source>
        <translation>主题名包含通配符</translation>
    </message>
    <message>
        <source>the topic name: %1</source>
        <translation>主题名：%1</translation>
    </message>
    <message>
        <source>invalid subscription options</source>
        <translation>无效的订阅选项</translation>
    </message>
    <message>
        <source>it has no topic filter</source>
        <translation>它没有主题过滤器</translation>
    </message>
    <message>
        <source>it has no return code</source>
        <translation>它没有返回码</translation>
    </message>
    <message>
        <source>reserved return code 0x%1</source>
        <translation>保留的返回码 0x%1</translation>
    </message>
    <message>
        <source>it has no reason code</source>
        <translation>它没有原因码</translation>
    </message>
    <message>
        <source>The broker URL is empty</source>
        <translation>服务器 URL 为空</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL: %2</source>
        <translation>“%1”不是有效的 URL：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no scheme; start it with mqtt://, mqtts://, ws:// or wss://</source>
        <translation>“%1”没有协议；请以 mqtt://、mqtts://、ws:// 或 wss:// 开头</translation>
    </message>
    <message>
        <source>Unknown URL scheme &quot;%1&quot;; use mqtt, mqtts, ws, wss, tcp or ssl</source>
        <translation>未知的 URL 协议“%1”；请使用 mqtt、mqtts、ws、wss、tcp 或 ssl</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names no broker host</source>
        <translation>“%1”没有指明服务器主机</translation>
    </message>
    <message>
        <source>The port in &quot;%1&quot; must be between 1 and 65535</source>
        <translation>“%1”中的端口必须在 1 到 65535 之间</translation>
    </message>
    <message>
        <source>A path (&quot;%1&quot;) only means something in ws:// and wss:// URLs</source>
        <translation>路径（“%1”）只在 ws:// 和 wss:// URL 中有意义</translation>
    </message>
    <message>
        <source>Malformed packet: its Remaining Length is longer than 4 bytes</source>
        <translation>格式错误的报文：剩余长度超过 4 个字节</translation>
    </message>
    <message>
        <source>Malformed packet: its Remaining Length is not minimally encoded</source>
        <translation>格式错误的报文：剩余长度不是最短编码</translation>
    </message>
    <message>
        <source>Payload Format Indicator</source>
        <translation>负载格式指示</translation>
    </message>
    <message>
        <source>Message Expiry Interval</source>
        <translation>消息过期间隔</translation>
    </message>
    <message>
        <source>Content Type</source>
        <translation>内容类型</translation>
    </message>
    <message>
        <source>Response Topic</source>
        <translation>响应主题</translation>
    </message>
    <message>
        <source>Correlation Data</source>
        <translation>关联数据</translation>
    </message>
    <message>
        <source>Subscription Identifier</source>
        <translation>订阅标识符</translation>
    </message>
    <message>
        <source>Session Expiry Interval</source>
        <translation>会话过期间隔</translation>
    </message>
    <message>
        <source>Assigned Client Identifier</source>
        <translation>分配的客户端标识符</translation>
    </message>
    <message>
        <source>Server Keep Alive</source>
        <translation>服务器保活时间</translation>
    </message>
    <message>
        <source>Authentication Method</source>
        <translation>认证方法</translation>
    </message>
    <message>
        <source>Authentication Data</source>
        <translation>认证数据</translation>
    </message>
    <message>
        <source>Request Problem Information</source>
        <translation>请求问题信息</translation>
    </message>
    <message>
        <source>Will Delay Interval</source>
        <translation>遗嘱延时间隔</translation>
    </message>
    <message>
        <source>Request Response Information</source>
        <translation>请求响应信息</translation>
    </message>
    <message>
        <source>Response Information</source>
        <translation>响应信息</translation>
    </message>
    <message>
        <source>Server Reference</source>
        <translation>服务器参考</translation>
    </message>
    <message>
        <source>Reason String</source>
        <translation>原因字符串</translation>
    </message>
    <message>
        <source>Receive Maximum</source>
        <translation>接收最大值</translation>
    </message>
    <message>
        <source>Topic Alias Maximum</source>
        <translation>主题别名最大值</translation>
    </message>
    <message>
        <source>Topic Alias</source>
        <translation>主题别名</translation>
    </message>
    <message>
        <source>Maximum QoS</source>
        <translation>最大 QoS</translation>
    </message>
    <message>
        <source>Retain Available</source>
        <translation>保留可用</translation>
    </message>
    <message>
        <source>User Property</source>
        <translation>用户属性</translation>
    </message>
    <message>
        <source>Maximum Packet Size</source>
        <translation>最大报文长度</translation>
    </message>
    <message>
        <source>Wildcard Subscription Available</source>
        <translation>通配符订阅可用</translation>
    </message>
    <message>
        <source>Subscription Identifier Available</source>
        <translation>订阅标识符可用</translation>
    </message>
    <message>
        <source>Shared Subscription Available</source>
        <translation>共享订阅可用</translation>
    </message>
    <message>
        <source>Property 0x%1</source>
        <translation>属性 0x%1</translation>
    </message>
    <message>
        <source>the property length is malformed</source>
        <translation>属性长度格式错误</translation>
    </message>
    <message>
        <source>the properties run past the end of the packet</source>
        <translation>属性超出了报文末尾</translation>
    </message>
    <message>
        <source>unknown property identifier 0x%1</source>
        <translation>未知的属性标识符 0x%1</translation>
    </message>
    <message>
        <source>the property %1 is not allowed here</source>
        <translation>此处不允许属性 %1</translation>
    </message>
    <message>
        <source>the property %1 appears more than once</source>
        <translation>属性 %1 出现了多次</translation>
    </message>
    <message>
        <source>the property %1 is not valid UTF-8</source>
        <translation>属性 %1 不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>a user property is not valid UTF-8</source>
        <translation>某个用户属性不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>the property %1 is truncated</source>
        <translation>属性 %1 被截断</translation>
    </message>
    <message>
        <source>the property %1 has the invalid value %2</source>
        <translation>属性 %1 的值 %2 无效</translation>
    </message>
    <message>
        <source>Connection accepted</source>
        <translation>连接已接受</translation>
    </message>
    <message>
        <source>The broker refused the connection: it does not support this MQTT version</source>
        <translation>服务器拒绝了连接：它不支持此 MQTT 版本</translation>
    </message>
    <message>
        <source>The broker refused the connection: client identifier rejected</source>
        <translation>服务器拒绝了连接：客户端标识符被拒绝</translation>
    </message>
    <message>
        <source>The broker refused the connection: the server is unavailable</source>
        <translation>服务器拒绝了连接：服务不可用</translation>
    </message>
    <message>
        <source>The broker refused the connection: bad user name or password</source>
        <translation>服务器拒绝了连接：用户名或密码错误</translation>
    </message>
    <message>
        <source>The broker refused the connection: not authorized</source>
        <translation>服务器拒绝了连接：未授权</translation>
    </message>
    <message>
        <source>The broker refused the connection (return code %1)</source>
        <translation>服务器拒绝了连接（返回码 %1）</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Granted QoS 1</source>
        <translation>授予 QoS 1</translation>
    </message>
    <message>
        <source>Granted QoS 2</source>
        <translation>授予 QoS 2</translation>
    </message>
    <message>
        <source>Disconnect with will message</source>
        <translation>断开连接并发送遗嘱消息</translation>
    </message>
    <message>
        <source>No matching subscribers</source>
        <translation>没有匹配的订阅者</translation>
    </message>
    <message>
        <source>No subscription existed</source>
        <translation>订阅不存在</translation>
    </message>
    <message>
        <source>Continue authentication</source>
        <translation>继续认证</translation>
    </message>
    <message>
        <source>Re-authenticate</source>
        <translation>重新认证</translation>
    </message>
    <message>
        <source>Unspecified error</source>
        <translation>未指明的错误</translation>
    </message>
    <message>
        <source>Malformed packet</source>
        <translation>报文格式错误</translation>
    </message>
    <message>
        <source>Protocol error</source>
        <translation>协议错误</translation>
    </message>
    <message>
        <source>Implementation specific error</source>
        <translation>实现相关的错误</translation>
    </message>
    <message>
        <source>Unsupported protocol version</source>
        <translation>不支持的协议版本</translation>
    </message>
    <message>
        <source>Client identifier not valid</source>
        <translation>客户端标识符无效</translation>
    </message>
    <message>
        <source>Bad user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <source>Not authorized</source>
        <translation>未授权</translation>
    </message>
    <message>
        <source>Server unavailable</source>
        <translation>服务器不可用</translation>
    </message>
    <message>
        <source>Server busy</source>
        <translation>服务器繁忙</translation>
    </message>
    <message>
        <source>Banned</source>
        <translation>已被禁止</translation>
    </message>
    <message>
        <source>Server shutting down</source>
        <translation>服务器正在关闭</translation>
    </message>
    <message>
        <source>Bad authentication method</source>
        <translation>认证方法错误</translation>
    </message>
    <message>
        <source>Keep alive timeout</source>
        <translation>保活超时</translation>
    </message>
    <message>
        <source>Session taken over</source>
        <translation>会话已被接管</translation>
    </message>
    <message>
        <source>Topic filter invalid</source>
        <translation>主题过滤器无效</translation>
    </message>
    <message>
        <source>Topic name invalid</source>
        <translation>主题名无效</translation>
    </message>
    <message>
        <source>Packet identifier in use</source>
        <translation>报文标识符已被占用</translation>
    </message>
    <message>
        <source>Packet identifier not found</source>
        <translation>未找到报文标识符</translation>
    </message>
    <message>
        <source>Receive maximum exceeded</source>
        <translation>超出接收最大值</translation>
    </message>
    <message>
        <source>Topic alias invalid</source>
        <translation>主题别名无效</translation>
    </message>
    <message>
        <source>Packet too large</source>
        <translation>报文过大</translation>
    </message>
    <message>
        <source>Message rate too high</source>
        <translation>消息速率过高</translation>
    </message>
    <message>
        <source>Quota exceeded</source>
        <translation>超出配额</translation>
    </message>
    <message>
        <source>Administrative action</source>
        <translation>管理操作</translation>
    </message>
    <message>
        <source>Payload format invalid</source>
        <translation>负载格式无效</translation>
    </message>
    <message>
        <source>Retain not supported</source>
        <translation>不支持保留消息</translation>
    </message>
    <message>
        <source>QoS not supported</source>
        <translation>不支持该 QoS</translation>
    </message>
    <message>
        <source>Use another server</source>
        <translation>请使用其他服务器</translation>
    </message>
    <message>
        <source>Server moved</source>
        <translation>服务器已迁移</translation>
    </message>
    <message>
        <source>Shared subscriptions not supported</source>
        <translation>不支持共享订阅</translation>
    </message>
    <message>
        <source>Connection rate exceeded</source>
        <translation>超出连接速率</translation>
    </message>
    <message>
        <source>Maximum connect time</source>
        <translation>已达最长连接时间</translation>
    </message>
    <message>
        <source>Subscription identifiers not supported</source>
        <translation>不支持订阅标识符</translation>
    </message>
    <message>
        <source>Wildcard subscriptions not supported</source>
        <translation>不支持通配符订阅</translation>
    </message>
    <message>
        <source>Reason code 0x%1</source>
        <translation>原因码 0x%1</translation>
    </message>
    <message>
        <source>it is longer than 65,535 bytes</source>
        <translation>它超过了 65,535 个字节</translation>
    </message>
    <message>
        <source>it contains the null character</source>
        <translation>它包含空字符</translation>
    </message>
    <message>
        <source>it is not valid UTF-8</source>
        <translation>它不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>it contains a UTF-16 surrogate</source>
        <translation>它包含 UTF-16 服务器项</translation>
    </message>
    <message>
        <source>The %1 is not valid UTF-8</source>
        <translation>%1不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>The %1 contains the null character</source>
        <translation>%1包含空字符</translation>
    </message>
    <message>
        <source>The %1 is longer than 65,535 bytes</source>
        <translation>%1超过了 65,535 个字节</translation>
    </message>
    <message>
        <source>The topic is empty</source>
        <translation>主题为空</translation>
    </message>
    <message>
        <source>A topic to publish to cannot contain the wildcards + or #</source>
        <translation>要发布到的主题不能包含通配符 + 或 #</translation>
    </message>
    <message>
        <source>topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>The topic filter is empty</source>
        <translation>主题过滤器为空</translation>
    </message>
    <message>
        <source>The wildcard # must be the last character of the filter and stand alone in its level</source>
        <translation>通配符 # 必须是过滤器的最后一个字符，并单独占据一层</translation>
    </message>
    <message>
        <source>The wildcard + must stand alone in its level</source>
        <translation>通配符 + 必须单独占据一层</translation>
    </message>
    <message>
        <source>topic filter</source>
        <translation>主题过滤器</translation>
    </message>
    <message>
        <source>The proxy refused the user name or password (%1)</source>
        <translation>代理拒绝了用户名或密码（%1）</translation>
    </message>
    <message>
        <source>The proxy refused the connection (%1)</source>
        <translation>代理拒绝了连接（%1）</translation>
    </message>
    <message>
        <source>The proxy closed the connection unexpectedly (%1)</source>
        <translation>代理意外关闭了连接（%1）</translation>
    </message>
    <message>
        <source>The proxy did not answer in time (%1)</source>
        <translation>代理没有及时响应（%1）</translation>
    </message>
    <message>
        <source>The proxy host was not found (%1)</source>
        <translation>找不到代理主机（%1）</translation>
    </message>
    <message>
        <source>The proxy did not open a tunnel to the broker (%1)</source>
        <translation>代理没有建立到服务器的隧道（%1）</translation>
    </message>
    <message>
        <source>reserved packet type 0</source>
        <translation>保留的报文类型 0</translation>
    </message>
    <message>
        <source>Received a packet of %L1 bytes, more than the maximum of %L2 bytes</source>
        <translation>收到 %L1 字节的报文，超过了最大值 %L2 字节</translation>
    </message>
    <message>
        <source>reserved reason code 0x%1</source>
        <translation>保留的原因码 0x%1</translation>
    </message>
    <message>
        <source>Malformed packet: the frame is incomplete</source>
        <translation>报文格式错误：帧不完整</translation>
    </message>
    <message>
        <source>Protocol error: packet type 0 is reserved</source>
        <translation>协议错误：报文类型 0 是保留的</translation>
    </message>
    <message>
        <source>Unacceptable protocol version</source>
        <translation>不可接受的协议版本</translation>
    </message>
    <message>
        <source>Identifier rejected</source>
        <translation>标识符被拒绝</translation>
    </message>
    <message>
        <source>Return code %1</source>
        <translation>返回码 %1</translation>
    </message>
    <message>
        <source>Granted QoS 0</source>
        <translation>授予 QoS 0</translation>
    </message>
    <message>
        <source>Normal disconnection</source>
        <translation>正常断开</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>Mqtt::Client</name>
    <message>
        <source>No broker host name is set</source>
        <translation>没有设置服务器主机名</translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535</source>
        <translation>端口必须在 1 到 65535 之间</translation>
    </message>
    <message>
        <source>Will topic: %1</source>
        <translation>遗嘱主题：%1</translation>
    </message>
    <message>
        <source>The user name is not valid UTF-8</source>
        <translation>用户名不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>The client id is too long</source>
        <translation>客户端 ID 太长</translation>
    </message>
    <message>
        <source>The client id is not valid UTF-8</source>
        <translation>客户端 ID 不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>MQTT %1 allows a password only together with a user name</source>
        <translation>MQTT %1 只允许密码与用户名一起使用</translation>
    </message>
    <message>
        <source>An empty client id requires a clean session</source>
        <translation>空的客户端 ID 需要清除会话</translation>
    </message>
    <message>
        <source>The QoS must be 0, 1 or 2</source>
        <translation>QoS 必须是 0、1 或 2</translation>
    </message>
    <message>
        <source>The message is larger than MQTT allows</source>
        <translation>消息超过了 MQTT 允许的大小</translation>
    </message>
    <message>
        <source>No topic filter to subscribe to</source>
        <translation>没有要订阅的主题过滤器</translation>
    </message>
    <message>
        <source>Not connected to a broker</source>
        <translation>未连接到服务器</translation>
    </message>
    <message>
        <source>Every packet identifier is in use</source>
        <translation>所有报文标识符都已被占用</translation>
    </message>
    <message>
        <source>No topic filter to unsubscribe from</source>
        <translation>没有要取消订阅的主题过滤器</translation>
    </message>
    <message>
        <source>The broker closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>Connection to %1:%2 failed: %3</source>
        <translation>连接 %1:%2 失败：%3</translation>
    </message>
    <message>
        <source>Timed out connecting to %1:%2</source>
        <translation>连接 %1:%2 超时</translation>
    </message>
    <message>
        <source>The broker did not answer the CONNECT in time</source>
        <translation>服务器没有及时响应 CONNECT</translation>
    </message>
    <message>
        <source>Protocol error: the broker sent another packet before CONNACK</source>
        <translation>协议错误：服务器在 CONNACK 之前发送了其他报文</translation>
    </message>
    <message>
        <source>Protocol error: the broker started an authentication exchange that was not asked for</source>
        <translation>协议错误：服务器发起了未经请求的认证交换</translation>
    </message>
    <message>
        <source>Protocol error: the broker sent a second CONNACK</source>
        <translation>协议错误：服务器发送了第二个 CONNACK</translation>
    </message>
    <message>
        <source>The broker refused the connection: %1</source>
        <translation>服务器拒绝了连接：%1</translation>
    </message>
    <message>
        <source>Protocol error: the broker reported a session although a clean session was requested</source>
        <translation>协议错误：已请求清除会话，服务器却报告存在会话</translation>
    </message>
    <message>
        <source>The broker refused the message: %1</source>
        <translation>服务器拒绝了消息：%1</translation>
    </message>
    <message>
        <source>Protocol error: the SUBACK has %1 return codes for %2 topic filters</source>
        <translation>协议错误：SUBACK 对 %2 个主题过滤器给出了 %1 个返回码</translation>
    </message>
    <message>
        <source>Protocol error: the broker sent DISCONNECT, which MQTT 3.1.1 does not allow</source>
        <translation>协议错误：服务器发送了 MQTT 3.1.1 不允许的 DISCONNECT</translation>
    </message>
    <message>
        <source>The broker disconnected: %1</source>
        <translation>服务器断开了连接：%1</translation>
    </message>
    <message>
        <source>The broker did not answer the keep-alive ping in time; the connection is considered lost</source>
        <translation>服务器没有及时响应保活 ping；连接被视为已丢失</translation>
    </message>
    <message>
        <source>Protocol error: the broker sent a packet of the reserved type 0</source>
        <translation>协议错误：服务器发送了保留类型 0 的报文</translation>
    </message>
    <message>
        <source>Protocol error: the broker sent a %1 packet, which only clients send</source>
        <translation>协议错误：服务器发送了只有客户端才会发送的 %1 报文</translation>
    </message>
    <message>
        <source>Protocol error: the broker used topic alias %1, above the maximum of %2</source>
        <translation>协议错误：服务器使用了主题别名 %1，超过了最大值 %2</translation>
    </message>
    <message>
        <source>Protocol error: the broker used topic alias %1 before setting it</source>
        <translation>协议错误：服务器在设置主题别名 %1 之前就使用了它</translation>
    </message>
    <message>
        <source>A shared subscription reads $share/name/filter, with a share name that has no &apos;/&apos;, &apos;+&apos; or &apos;#&apos;</source>
        <translation>共享订阅的格式为 $share/名称/过滤器，其中共享名称不能包含 &apos;/&apos;、&apos;+&apos; 或 &apos;#&apos;</translation>
    </message>
    <message>
        <source>No Local cannot be set on a shared subscription</source>
        <translation>共享订阅不能设置 No Local</translation>
    </message>
    <message>
        <source>The broker does not support shared subscriptions</source>
        <translation>服务器不支持共享订阅</translation>
    </message>
    <message>
        <source>Retain Handling must be 0, 1 or 2</source>
        <translation>Retain Handling 必须是 0、1 或 2</translation>
    </message>
    <message>
        <source>Subscription properties need MQTT 5.0</source>
        <translation>订阅属性需要 MQTT 5.0</translation>
    </message>
    <message>
        <source>A subscription takes one Subscription Identifier</source>
        <translation>一个订阅只能带一个订阅标识符</translation>
    </message>
    <message>
        <source>A Subscription Identifier is between 1 and 268,435,455</source>
        <translation>订阅标识符必须在 1 到 268,435,455 之间</translation>
    </message>
    <message>
        <source>The broker does not support subscription identifiers</source>
        <translation>服务器不支持订阅标识符</translation>
    </message>
    <message>
        <source>Protocol error: the UNSUBACK has %1 reason codes for %2 topic filters</source>
        <translation>协议错误：UNSUBACK 对 %2 个主题过滤器给出了 %1 个原因码</translation>
    </message>
    <message>
        <source>The broker accepts messages up to QoS %1 only</source>
        <translation>服务器只接受 QoS 不超过 %1 的消息</translation>
    </message>
    <message>
        <source>The broker does not keep retained messages</source>
        <translation>服务器不保存保留消息</translation>
    </message>
    <message>
        <source>Topic alias %1 is outside the broker&apos;s range of 1 to %2</source>
        <translation>主题别名 %1 超出了服务器允许的 1 到 %2 的范围</translation>
    </message>
    <message>
        <source>The Receive Maximum must not be 0</source>
        <translation>接收最大值不能为 0</translation>
    </message>
    <message>
        <source>The Maximum Packet Size must not be 0</source>
        <translation>最大报文长度不能为 0</translation>
    </message>
    <message>
        <source>; server reference: %1</source>
        <translation>；服务器参考：%1</translation>
    </message>
    <message>
        <source>The broker accepts no topic aliases</source>
        <translation>服务器不接受主题别名</translation>
    </message>
    <message>
        <source>Enhanced authentication needs MQTT 5.0</source>
        <translation>增强认证需要 MQTT 5.0</translation>
    </message>
    <message>
        <source>Unknown authentication method &quot;%1&quot;; supported: %2</source>
        <translation>未知的认证方法“%1”；支持的方法：%2</translation>
    </message>
    <message>
        <source>The authentication method %1 needs a user name and a password</source>
        <translation>认证方法 %1 需要用户名和密码</translation>
    </message>
    <message>
        <source>The broker does not support wildcard subscriptions (%1)</source>
        <translation>服务器不支持通配符订阅（%1）</translation>
    </message>
    <message>
        <source>%1 (the broker does not offer the authentication method %2)</source>
        <translation>%1（服务器不提供认证方法 %2）</translation>
    </message>
    <message>
        <source>%1 (%2 authentication was not accepted)</source>
        <translation>%1（%2 认证未被接受）</translation>
    </message>
    <message>
        <source>Protocol error: the broker accepted the connection with authentication method &quot;%1&quot; instead of &quot;%2&quot;</source>
        <translation>协议错误：服务器以认证方法“%1”而不是“%2”接受了连接</translation>
    </message>
    <message>
        <source>The broker&apos;s PUBREL for packet id %1 reports: %2</source>
        <translation>服务器对报文标识符 %1 的 PUBREL 报告：%2</translation>
    </message>
    <message>
        <source>The broker&apos;s PUBCOMP for packet id %1 reports: %2</source>
        <translation>服务器对报文标识符 %1 的 PUBCOMP 报告：%2</translation>
    </message>
    <message>
        <source>Protocol error: the broker sent AUTH, which MQTT 3.1.1 does not allow</source>
        <translation>协议错误：服务器发送了 MQTT 3.1.1 不允许的 AUTH</translation>
    </message>
    <message>
        <source>Protocol error: the broker&apos;s AUTH names authentication method &quot;%1&quot; instead of &quot;%2&quot;</source>
        <translation>协议错误：服务器的 AUTH 使用认证方法“%1”而不是“%2”</translation>
    </message>
    <message>
        <source>Protocol error: the broker ended the authentication with AUTH instead of CONNACK</source>
        <translation>协议错误：服务器以 AUTH 而不是 CONNACK 结束了认证</translation>
    </message>
    <message>
        <source>Protocol error: the broker sent AUTH with reason code %1</source>
        <translation>协议错误：服务器发送了原因码为 %1 的 AUTH</translation>
    </message>
    <message>
        <source>Re-authentication needs a connection made with enhanced authentication</source>
        <translation>重新认证需要一个使用增强认证建立的连接</translation>
    </message>
    <message>
        <source>A re-authentication is already running</source>
        <translation>重新认证已在进行中</translation>
    </message>
    <message>
        <source>The message expired while it waited to be sent</source>
        <translation>消息在等待发送期间已过期</translation>
    </message>
    <message>
        <source>Unsubscription properties need MQTT 5.0</source>
        <translation>取消订阅属性需要 MQTT 5.0</translation>
    </message>
    <message>
        <source>An unsubscription takes user properties only, not %1</source>
        <translation>取消订阅只能带用户属性，不能带 %1</translation>
    </message>
    <message>
        <source>The queue of messages waiting to be sent is full (%L1 messages)</source>
        <translation>待发送消息队列已满（%L1 条消息）</translation>
    </message>
    <message>
        <source>Protocol error: the broker sent more than %L1 QoS 2 messages awaiting release</source>
        <translation>协议错误：服务器发送的待释放 QoS 2 消息超过了 %L1 条</translation>
    </message>
    <message>
        <source>The packet would be %L1 bytes; the broker accepts at most %L2</source>
        <translation>报文将有 %L1 字节；服务器最多接受 %L2 字节</translation>
    </message>
    <message>
        <source>The connection closed before the message was sent</source>
        <translation>消息发出之前连接已关闭</translation>
    </message>
    <message>
        <source>%1 must be between %L2 and %L3</source>
        <translation>%1 必须在 %L2 到 %L3 之间</translation>
    </message>
</context>
<context>
    <name>Mqtt::Properties</name>
    <message>
        <source>hex: %1</source>
        <translation>十六进制：%1</translation>
    </message>
    <message>
        <source>1 (UTF-8 text)</source>
        <translation>1（UTF-8 文本）</translation>
    </message>
    <message>
        <source>%1 (unspecified bytes)</source>
        <translation>%1（未指定格式的字节）</translation>
    </message>
    <message>
        <source>%L1 s</source>
        <translation>%L1 秒</translation>
    </message>
</context>
<context>
    <name>Mqtt::ScramSha256Authenticator</name>
    <message>
        <source>wrong user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <source>unknown user</source>
        <translation>未知用户</translation>
    </message>
    <message>
        <source>the broker could not read the client&apos;s message</source>
        <translation>服务器无法读取客户端的消息</translation>
    </message>
    <message>
        <source>unspecified error</source>
        <translation>未指明的错误</translation>
    </message>
    <message>
        <source>SCRAM authentication failed: %1</source>
        <translation>SCRAM 认证失败：%1</translation>
    </message>
    <message>
        <source>SCRAM-SHA-256 needs a user name</source>
        <translation>SCRAM-SHA-256 需要用户名</translation>
    </message>
    <message>
        <source>SCRAM-SHA-256: invalid client nonce</source>
        <translation>SCRAM-SHA-256：无效的客户端随机数</translation>
    </message>
    <message>
        <source>SCRAM authentication failed: the broker sent a challenge out of turn</source>
        <translation>SCRAM 认证失败：服务器在错误的时机发送了质询</translation>
    </message>
    <message>
        <source>SCRAM authentication failed: the broker requires an unsupported extension</source>
        <translation>SCRAM 认证失败：服务器要求不受支持的扩展</translation>
    </message>
    <message>
        <source>SCRAM authentication failed: the broker&apos;s challenge is not a SCRAM server-first message</source>
        <translation>SCRAM 认证失败：服务器的质询不是 SCRAM server-first 消息</translation>
    </message>
    <message>
        <source>SCRAM authentication failed: the broker&apos;s nonce does not extend ours</source>
        <translation>SCRAM 认证失败：服务器的随机数没有延续我们的随机数</translation>
    </message>
    <message>
        <source>SCRAM authentication failed: the broker accepted the connection before the exchange was complete, so it proved nothing</source>
        <translation>SCRAM 认证失败：服务器在交换完成之前就接受了连接，因此它没有证明任何东西</translation>
    </message>
    <message>
        <source>SCRAM authentication failed: the broker did not send its signature</source>
        <translation>SCRAM 认证失败：服务器没有发送它的签名</translation>
    </message>
    <message>
        <source>SCRAM authentication failed: the broker&apos;s signature is wrong; it may not be the broker it claims to be</source>
        <translation>SCRAM 认证失败：服务器的签名错误；它可能不是它所声称的服务器</translation>
    </message>
    <message>
        <source>SCRAM authentication failed: the broker asks for %L1 iterations; between %L2 and %L3 are accepted</source>
        <translation>SCRAM 认证失败：服务器要求 %L1 次迭代；只接受 %L2 到 %L3 次</translation>
    </message>
</context>
<context>
    <name>Mqtt::SslTransport</name>
    <message>
        <source>no host name at all</source>
        <translation>完全没有主机名</translation>
    </message>
    <message>
        <source>it is not issued for the host name &quot;%1&quot; (it names %2)</source>
        <translation>它不是为主机名“%1”签发的（它指明的是 %2）</translation>
    </message>
    <message>
        <source>it expired on %1</source>
        <translation>它已于 %1 过期</translation>
    </message>
    <message>
        <source>it is not valid before %1</source>
        <translation>它在 %1 之前无效</translation>
    </message>
    <message>
        <source>it is self-signed and not among the trusted authorities</source>
        <translation>它是自签名的，且不在受信任的颁发机构之列</translation>
    </message>
    <message>
        <source>it is not signed by a trusted certificate authority</source>
        <translation>它不是由受信任的证书颁发机构签名的</translation>
    </message>
    <message>
        <source>it has been revoked</source>
        <translation>它已被吊销</translation>
    </message>
    <message>
        <source>its signature does not verify</source>
        <translation>它的签名无法验证</translation>
    </message>
    <message>
        <source>Cannot read &quot;%1&quot;: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; holds no PEM certificate</source>
        <translation>“%1”中没有 PEM 证书</translation>
    </message>
    <message>
        <source>CA file: %1</source>
        <translation>CA 文件：%1</translation>
    </message>
    <message>
        <source>The CA folder &quot;%1&quot; does not exist</source>
        <translation>CA 文件夹“%1”不存在</translation>
    </message>
    <message>
        <source>The CA folder &quot;%1&quot; holds no PEM certificate</source>
        <translation>CA 文件夹“%1”中没有 PEM 证书</translation>
    </message>
    <message>
        <source>A client key needs its certificate as well</source>
        <translation>客户端私钥还需要对应的证书</translation>
    </message>
    <message>
        <source>A client certificate needs its private key as well</source>
        <translation>客户端证书还需要对应的私钥</translation>
    </message>
    <message>
        <source>Client certificate: %1</source>
        <translation>客户端证书：%1</translation>
    </message>
    <message>
        <source>Cannot read the client key &quot;%1&quot;: %2</source>
        <translation>无法读取客户端私钥“%1”：%2</translation>
    </message>
    <message>
        <source>The client key &quot;%1&quot; is encrypted: give its passphrase</source>
        <translation>客户端私钥“%1”已加密：请提供其口令</translation>
    </message>
    <message>
        <source>Cannot load the client key &quot;%1&quot;: not a PEM RSA, EC or DSA private key, or a wrong passphrase</source>
        <translation>无法加载客户端私钥“%1”：它不是 PEM 格式的 RSA、EC 或 DSA 私钥，或口令错误</translation>
    </message>
    <message>
        <source>The broker&apos;s certificate was rejected: %1.</source>
        <translation>服务器的证书被拒绝：%1。</translation>
    </message>
    <message>
        <source>Certificate: subject &quot;%1&quot;, issued by &quot;%2&quot;, valid from %3 to %4.</source>
        <translation>证书：主体“%1”，颁发者“%2”，有效期 %3 至 %4。</translation>
    </message>
    <message>
        <source>Expected host name: &quot;%1&quot;.</source>
        <translation>预期的主机名：“%1”。</translation>
    </message>
    <message>
        <source>The broker requires a client certificate and none was sent (TLS alert: %1)</source>
        <translation>服务器要求客户端证书，但没有发送（TLS 警报：%1）</translation>
    </message>
    <message>
        <source>The broker refused the TLS handshake; it may require a client certificate (TLS alert: %1)</source>
        <translation>服务器拒绝了 TLS 握手；它可能要求客户端证书（TLS 警报：%1）</translation>
    </message>
    <message>
        <source>The broker did not accept the client certificate (TLS alert: %1)</source>
        <translation>服务器不接受该客户端证书（TLS 警报：%1）</translation>
    </message>
    <message>
        <source>The broker does not support the TLS versions allowed (TLS alert: %1)</source>
        <translation>服务器不支持所允许的 TLS 版本（TLS 警报：%1）</translation>
    </message>
    <message>
        <source>The broker supports none of the ALPN protocols offered (TLS alert: %1)</source>
        <translation>服务器不支持所提供的任何 ALPN 协议（TLS 警报：%1）</translation>
    </message>
    <message>
        <source>The broker ended the TLS session (TLS alert: %1)</source>
        <translation>服务器结束了 TLS 会话（TLS 警报：%1）</translation>
    </message>
    <message>
        <source>The broker closed the connection during the TLS handshake</source>
        <translation>服务器在 TLS 握手期间关闭了连接</translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed: %2</source>
        <translation>与 %1 的 TLS 握手失败：%2</translation>
    </message>
    <message>
        <source>The broker closed the connection right after the TLS handshake, before answering: it probably requires a client certificate, and none was given</source>
        <translation>服务器在 TLS 握手后、响应之前就关闭了连接：它可能要求客户端证书，而没有提供</translation>
    </message>
    <message>
        <source>The broker closed the connection right after the TLS handshake, before answering: it probably refused the client certificate</source>
        <translation>服务器在 TLS 握手后、响应之前就关闭了连接：它可能拒绝了该客户端证书</translation>
    </message>
    <message>
        <source>The chain ends in the authority &quot;%1&quot;, which is not trusted (valid from %2 to %3).</source>
        <translation>证书链终止于颁发机构“%1”，该机构不受信任（有效期 %2 至 %3）。</translation>
    </message>
</context>
<context>
    <name>Mqtt::Transport</name>
    <message>
        <source>The proxy needs a host and a port</source>
        <translation>代理需要主机和端口</translation>
    </message>
</context>
<context>
    <name>Mqtt::WebSocketTransport</name>
    <message>
        <source>The broker sent a WebSocket text frame; MQTT needs binary frames</source>
        <translation>服务器发送了 WebSocket 文本帧；MQTT 需要二进制帧</translation>
    </message>
    <message>
        <source>A TLS server name other than the host is not supported over wss://; connect to &quot;%1&quot; by that name instead</source>
        <translation>wss:// 不支持与主机名不同的 TLS 服务器名；请改用该名称连接“%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not make a valid WebSocket URL</source>
        <translation>“%1”不能构成有效的 WebSocket URL</translation>
    </message>
    <message>
        <source>The broker chose the WebSocket subprotocol &quot;%1&quot; instead of &quot;mqtt&quot;</source>
        <translation>服务器选择了 WebSocket 子协议“%1”，而不是“mqtt”</translation>
    </message>
    <message>
        <source>The broker closed the connection during the WebSocket handshake</source>
        <translation>服务器在 WebSocket 握手期间关闭了连接</translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed: %2</source>
        <translation>与 %1 的 TLS 握手失败：%2</translation>
    </message>
</context>
<context>
    <name>PacketInspectorDock</name>
    <message>
        <source>Packet inspector</source>
        <translation>报文检查器</translation>
    </message>
    <message>
        <source>&amp;Packet inspector</source>
        <translation>报文检查器(&amp;P)</translation>
    </message>
    <message>
        <source>Every MQTT packet of the connection, paired with its answer and its latency</source>
        <translation>连接的每个 MQTT 报文，与其应答配对并显示延迟</translation>
    </message>
</context>
<context>
    <name>PacketInspectorPane</name>
    <message>
        <source>T&amp;ype:</source>
        <translation>类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>To&amp;pic:</source>
        <translation>主题(&amp;P)：</translation>
    </message>
    <message>
        <source>part of a topic, or a filter such as plant/+/speed</source>
        <translation>主题的一部分，或如 plant/+/speed 的过滤器</translation>
    </message>
    <message>
        <source>Packet &amp;id:</source>
        <translation>报文标识符(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Record packets</source>
        <translation>记录报文(&amp;R)</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Go to &amp;pair</source>
        <translation>转到配对报文(&amp;P)</translation>
    </message>
    <message>
        <source>Show &amp;bytes</source>
        <translation>显示字节(&amp;B)</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Connection and authentication</source>
        <translation>连接与认证</translation>
    </message>
    <message>
        <source>Publish and acknowledgements</source>
        <translation>发布与确认</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>订阅</translation>
    </message>
    <message>
        <source>Keep-alive pings</source>
        <translation>保活心跳</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Show only the packets with this packet identifier</source>
        <translation>只显示带有此报文标识符的报文</translation>
    </message>
    <message>
        <source>Record every packet of this connection (turn off to save the little it costs)</source>
        <translation>记录此连接的每个报文（关闭可省下它少量的开销）</translation>
    </message>
    <message>
        <source>Show the selected packet&apos;s bytes as a hex dump</source>
        <translation>以十六进制转储显示所选报文的字节</translation>
    </message>
    <message>
        <source>Select a packet to see its fields; double-click it to go to its pair.</source>
        <translation>选择一个报文以查看其字段；双击可转到与其配对的报文。</translation>
    </message>
    <message>
        <source>Payload: %1</source>
        <translation>负载：%1</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln packet(s) shown</source>
        <translation>
            <numerusform>显示 %Ln 个报文</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 recorded</source>
        <translation>已记录 %L1 个</translation>
    </message>
    <message>
        <source>Export the packets</source>
        <translation>导出报文</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
</context>
<context>
    <name>PacketLogExporter</name>
    <message>
        <source>Could not write: %1</source>
        <translation>无法写入：%1</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Line %1: not a JSON object (%2)</source>
        <translation>第 %1 行：不是 JSON 对象（%2）</translation>
    </message>
    <message>
        <source>Line %1: needs &quot;direction&quot; (send or recv), &quot;time&quot; and &quot;bytes&quot;</source>
        <translation>第 %1 行：需要 &quot;direction&quot;（send 或 recv）、&quot;time&quot; 和 &quot;bytes&quot;</translation>
    </message>
</context>
<context>
    <name>PacketLogModel</name>
    <message>
        <source>%1 µs</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>QoS %1</source>
        <translation>QoS %1</translation>
    </message>
    <message>
        <source>DUP</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>retain</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>session present</source>
        <translation>会话已存在</translation>
    </message>
    <message>
        <source>resend of #%1</source>
        <translation>#%1 的重发</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>answered by #%1</source>
        <translation>由 #%1 应答</translation>
    </message>
    <message>
        <source>answers #%1</source>
        <translation>应答 #%1</translation>
    </message>
    <message>
        <source>send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>recv</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Sent to the broker</source>
        <translation>发送到服务器</translation>
    </message>
    <message>
        <source>Received from the broker</source>
        <translation>从服务器接收</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Dir.</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>标识符</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>配对</translation>
    </message>
</context>
<context>
    <name>Payload</name>
    <message>
        <source>not CBOR: the payload is empty</source>
        <translation>不是 CBOR：负载为空</translation>
    </message>
    <message>
        <source>not CBOR: %1 at byte %2</source>
        <translation>不是 CBOR：%1，位于第 %2 字节</translation>
    </message>
    <message>
        <source>not CBOR: %1 bytes left after the first item, which ends at byte %2</source>
        <translation>不是 CBOR：第一个数据项结束于第 %2 字节，其后还剩 %1 个字节</translation>
    </message>
    <message>
        <source>unknown decoder &apos;%1&apos; (one of %2)</source>
        <translation>未知的解码器“%1”（可用：%2）</translation>
    </message>
    <message>
        <source>protobuf needs a message type: protobuf:PACKAGE.Message</source>
        <translation>protobuf 需要消息类型：protobuf:PACKAGE.Message</translation>
    </message>
    <message>
        <source>numbers needs a format, one of %1</source>
        <translation>numbers 需要格式，可用：%1</translation>
    </message>
    <message>
        <source>%1 takes no type after &apos;:&apos;</source>
        <translation>%1 的“:”后不接类型</translation>
    </message>
    <message>
        <source>expected FILTER=DECODER[:TYPE], not &apos;%1&apos;</source>
        <translation>应为 FILTER=DECODER[:TYPE]，而不是“%1”</translation>
    </message>
    <message>
        <source>invalid topic filter &apos;%1&apos;: %2</source>
        <translation>无效的主题过滤器“%1”：%2</translation>
    </message>
    <message>
        <source>not MessagePack: %1 at byte %2</source>
        <translation>不是 MessagePack：%1，位于第 %2 字节</translation>
    </message>
    <message>
        <source>the payload is empty</source>
        <translation>负载为空</translation>
    </message>
    <message>
        <source>truncated, more bytes needed</source>
        <translation>数据被截断，还需要更多字节</translation>
    </message>
    <message>
        <source>invalid format byte</source>
        <translation>无效的格式字节</translation>
    </message>
    <message>
        <source>%1 bytes left after the first object</source>
        <translation>第一个对象之后还剩 %1 个字节</translation>
    </message>
    <message>
        <source>not %1 numbers: %2 bytes is not a multiple of %3, the last %4 bytes from byte %5 are left over</source>
        <translation>不是 %1 数值：%2 个字节不是 %3 的倍数，从第 %5 字节起剩余最后 %4 个字节</translation>
    </message>
    <message>
        <source>element %1 (%2) is not a %3 number</source>
        <translation>第 %1 个元素（%2）不是 %3 数值</translation>
    </message>
    <message>
        <source>no .proto files loaded for %1: give a folder with --proto-path</source>
        <translation>没有为 %1 加载 .proto 文件：请用 --proto-path 指定文件夹</translation>
    </message>
    <message>
        <source>no message type %1 in the .proto files</source>
        <translation>.proto 文件中没有消息类型 %1</translation>
    </message>
    <message>
        <source>unknown decoder %1</source>
        <translation>未知的解码器 %1</translation>
    </message>
    <message>
        <source>invalid field key (field number 0 or a truncated varint)</source>
        <translation>无效的字段键（字段编号为 0 或 varint 被截断）</translation>
    </message>
    <message>
        <source>field %1 (%2) is declared %3 (%4) but the payload has a %5 value there: a different message type?</source>
        <translation>字段 %1（%2）声明为 %3（%4），但负载中此处是 %5 值：是不同的消息类型吗？</translation>
    </message>
    <message>
        <source>field %1: its length is truncated</source>
        <translation>字段 %1：其长度被截断</translation>
    </message>
    <message>
        <source>field %1: length %2 runs past the end (%3 bytes left)</source>
        <translation>字段 %1：长度 %2 超出了末尾（仅剩 %3 个字节）</translation>
    </message>
    <message>
        <source>messages nested too deeply</source>
        <translation>消息嵌套过深</translation>
    </message>
    <message>
        <source>field %1: end of a group that was not started</source>
        <translation>字段 %1：结束了一个未开始的组</translation>
    </message>
    <message>
        <source>field %1 (%2) is truncated or malformed</source>
        <translation>字段 %1（%2）被截断或格式错误</translation>
    </message>
    <message>
        <source>too large for protobuf (2 GiB at most)</source>
        <translation>对 protobuf 来说太大（最多 2 GiB）</translation>
    </message>
    <message>
        <source>does not parse as %1 (invalid UTF-8 in a string field?)</source>
        <translation>无法解析为 %1（字符串字段中有无效的 UTF-8？）</translation>
    </message>
    <message>
        <source>required fields missing: %1</source>
        <translation>缺少必填字段：%1</translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation>未知字段</translation>
    </message>
    <message>
        <source>%1: not a folder</source>
        <translation>%1：不是文件夹</translation>
    </message>
    <message>
        <source>not %1: %2 at byte %3</source>
        <translation>不是 %1：%2，位于第 %3 字节</translation>
    </message>
    <message>
        <source>not %1: %2</source>
        <translation>不是 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln field(s) not declared in %1</source>
        <translation>
            <numerusform>%Ln 个字段未在 %1 中声明</numerusform>
        </translation>
    </message>
    <message>
        <source>not JSON for %1: %2</source>
        <translation>不是 %1 的 JSON：%2</translation>
    </message>
    <message>
        <source>not a Sparkplug 2.2 STATE: the payload is neither ONLINE nor OFFLINE</source>
        <translation>不是 Sparkplug 2.2 STATE：负载既不是 ONLINE 也不是 OFFLINE</translation>
    </message>
    <message>
        <source>not a Sparkplug 3.0 STATE: no &quot;online&quot; true or false in the JSON</source>
        <translation>不是 Sparkplug 3.0 STATE：JSON 中没有值为 true 或 false 的“online”</translation>
    </message>
    <message>
        <source>not a Sparkplug 3.0 STATE: %1 at byte %2</source>
        <translation>不是 Sparkplug 3.0 STATE：%1，位于第 %2 字节</translation>
    </message>
    <message>
        <source>no sequence number (seq) in a %1</source>
        <translation>%1 中没有序列号（seq）</translation>
    </message>
    <message>
        <source>sequence number %1 is out of range (0 to 255)</source>
        <translation>序列号 %1 超出范围（0 到 255）</translation>
    </message>
    <message>
        <source>sequence gap: expected %1, got %2 (messages lost or out of order)</source>
        <translation>序列号不连续：应为 %1，实际为 %2（消息丢失或乱序）</translation>
    </message>
    <message>
        <source>not a Sparkplug B topic: expected spBv1.0/GROUP/TYPE/EDGE_NODE[/DEVICE] or spBv1.0/STATE/HOST</source>
        <translation>不是 Sparkplug B 主题：应为 spBv1.0/GROUP/TYPE/EDGE_NODE[/DEVICE] 或 spBv1.0/STATE/HOST</translation>
    </message>
    <message>
        <source>not a Sparkplug B payload: %1 at byte %2</source>
        <translation>不是 Sparkplug B 负载：%1，位于第 %2 字节</translation>
    </message>
    <message>
        <source>not a Sparkplug B payload: %1</source>
        <translation>不是 Sparkplug B 负载：%1</translation>
    </message>
    <message>
        <source>NDEATH of edge node %1 with no NBIRTH seen</source>
        <translation>边缘节点 %1 的 NDEATH，但未见过其 NBIRTH</translation>
    </message>
    <message>
        <source>%1 before any NBIRTH of edge node %2: metric aliases cannot be resolved</source>
        <translation>%1 早于边缘节点 %2 的任何 NBIRTH：无法解析指标别名</translation>
    </message>
    <message>
        <source>%1 of device %2 with no DBIRTH seen</source>
        <translation>设备 %2 的 %1，但未见过其 DBIRTH</translation>
    </message>
    <message>
        <source>metric %1 of a %2 has no name</source>
        <translation>%2 中的指标 %1 没有名称</translation>
    </message>
    <message>
        <source>from alias %1</source>
        <translation>来自别名 %1</translation>
    </message>
    <message>
        <source>alias %1 was not declared in a birth</source>
        <translation>别名 %1 未在任何出生消息中声明</translation>
    </message>
    <message>
        <source>NBIRTH without a bdSeq metric</source>
        <translation>NBIRTH 中没有 bdSeq 指标</translation>
    </message>
    <message>
        <source>NDEATH without a bdSeq metric</source>
        <translation>NDEATH 中没有 bdSeq 指标</translation>
    </message>
    <message>
        <source>bdSeq %1 does not match the NBIRTH&apos;s %2: the death of an earlier session, ignored</source>
        <translation>bdSeq %1 与 NBIRTH 的 %2 不符：这是更早会话的死亡消息，已忽略</translation>
    </message>
    <message>
        <source>the value %1 is not a %2</source>
        <translation>值 %1 不是 %2</translation>
    </message>
    <message>
        <source>bytes must be given as Base64</source>
        <translation>字节必须以 Base64 给出</translation>
    </message>
    <message>
        <source>a %1 metric cannot be written from JSON</source>
        <translation>无法从 JSON 写出 %1 类型的指标</translation>
    </message>
    <message>
        <source>Sparkplug B needs a JSON object {&quot;metrics&quot;: [...]} or an array of metrics</source>
        <translation>Sparkplug B 需要 JSON 对象 {&quot;metrics&quot;: [...]} 或指标数组</translation>
    </message>
    <message>
        <source>seq must be a whole number from 0 to 255</source>
        <translation>seq 必须是 0 到 255 之间的整数</translation>
    </message>
    <message>
        <source>metric %1 needs a &quot;name&quot; or an &quot;alias&quot;</source>
        <translation>指标 %1 需要“name”或“alias”</translation>
    </message>
    <message>
        <source>metric %1: unknown datatype &quot;%2&quot;</source>
        <translation>指标 %1：未知的数据类型“%2”</translation>
    </message>
    <message>
        <source>metric %1: %2</source>
        <translation>指标 %1：%2</translation>
    </message>
    <message>
        <source>not valid UTF-8: invalid sequences are shown as U+FFFD</source>
        <translation>不是有效的 UTF-8：无效序列显示为 U+FFFD</translation>
    </message>
    <message>
        <source>not JSON: %1 at byte %2</source>
        <translation>不是 JSON：%1，位于第 %2 字节</translation>
    </message>
    <message>
        <source>null</source>
        <translation>空值 (null)</translation>
    </message>
    <message>
        <source>the text &quot;%1&quot;</source>
        <translation>文本 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节数据</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>the value %1</source>
        <translation>值 %1</translation>
    </message>
    <message>
        <source>a backslash ends the path; it escapes the character after it</source>
        <translation>路径以反斜杠结尾；反斜杠用于转义其后的字符</translation>
    </message>
    <message>
        <source>&quot;[&quot; at character %1 is not closed with &quot;]&quot;</source>
        <translation>第 %1 个字符处的 &quot;[&quot; 没有以 &quot;]&quot; 闭合</translation>
    </message>
    <message>
        <source>empty brackets at character %1</source>
        <translation>第 %1 个字符处的方括号为空</translation>
    </message>
    <message>
        <source>the path starts with &quot;.&quot;: begin with a name</source>
        <translation>路径以 &quot;.&quot; 开头：请以名称开头</translation>
    </message>
    <message>
        <source>expected &quot;.&quot; or &quot;[&quot; at character %1</source>
        <translation>第 %1 个字符处应为 &quot;.&quot; 或 &quot;[&quot;</translation>
    </message>
    <message>
        <source>&quot;]&quot; at character %1 closes no &quot;[&quot;</source>
        <translation>第 %1 个字符处的 &quot;]&quot; 没有对应的 &quot;[&quot;</translation>
    </message>
    <message>
        <source>a name is missing at character %1</source>
        <translation>第 %1 个字符处缺少名称</translation>
    </message>
    <message>
        <source>the payload</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>%1 is %2, it has no field &quot;%3&quot;</source>
        <translation>%1 是%2，没有字段 &quot;%3&quot;</translation>
    </message>
    <message>
        <source>%1 has %2 element(s), no [%3]</source>
        <translation>%1 有 %2 个元素，没有 [%3]</translation>
    </message>
    <message>
        <source>%1 has no element named &quot;%2&quot;</source>
        <translation>%1 中没有名为 &quot;%2&quot; 的元素</translation>
    </message>
    <message>
        <source>%1 has no field &quot;%2&quot;</source>
        <translation>%1 没有字段 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1 is %2, not a number</source>
        <translation>%1 是%2，不是数字</translation>
    </message>
</context>
<context>
    <name>PayloadDecodingController</name>
    <message>
        <source>Some .proto files do not load: %1</source>
        <translation>部分 .proto 文件无法加载：%1</translation>
    </message>
    <message>
        <source>Payload decoding — %1</source>
        <translation>负载解码 — %1</translation>
    </message>
</context>
<context>
    <name>PayloadFormat</name>
    <message>
        <source>Invalid JSON at character %1: %2</source>
        <translation>第 %1 个字符处的 JSON 无效：%2</translation>
    </message>
    <message>
        <source>Invalid hex digit &apos;%1&apos; at character %2</source>
        <translation>第 %2 个字符处的十六进制数字“%1”无效</translation>
    </message>
    <message>
        <source>Odd number of hex digits: the digit at character %1 has no pair</source>
        <translation>十六进制数字个数为奇数：第 %1 个字符处的数字没有配对</translation>
    </message>
    <message>
        <source>Invalid base64 character &apos;%1&apos; at character %2</source>
        <translation>第 %2 个字符处的 Base64 字符“%1”无效</translation>
    </message>
    <message>
        <source>Invalid base64: wrong length or padding</source>
        <translation>Base64 无效：长度或填充错误</translation>
    </message>
    <message>
        <source>Showing all %1</source>
        <translation>显示全部 %1</translation>
    </message>
    <message>
        <source>Showing %1 of %2 of pretty-printed JSON</source>
        <translation>显示格式化 JSON 的 %1 / %2</translation>
    </message>
    <message>
        <source>Showing %1 of %2</source>
        <translation>显示 %1 / %2</translation>
    </message>
    <message>
        <source>lines longer than %L1 characters are broken</source>
        <translation>超过 %L1 个字符的行已折断</translation>
    </message>
</context>
<context>
    <name>PayloadTextView</name>
    <message>
        <source>Show &amp;all</source>
        <translation>显示全部(&amp;A)</translation>
    </message>
    <message>
        <source>Loads the whole payload into the view</source>
        <translation>将整个负载载入视图</translation>
    </message>
    <message>
        <source>Decoding %1…</source>
        <translation>正在解码 %1…</translation>
    </message>
    <message>
        <source>Loading all of %1…</source>
        <translation>正在载入全部 %1…</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation>%1（副本 %2）</translation>
    </message>
</context>
<context>
    <name>PublishPane</name>
    <message>
        <source>&amp;Topic:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>e.g. home/kitchen/light</source>
        <translation>例如 home/kitchen/light</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;QoS:</source>
        <translation>&amp;QoS：</translation>
    </message>
    <message>
        <source>&amp;Retain</source>
        <translation>保留(&amp;R)</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>&amp;History:</source>
        <translation>历史(&amp;H)：</translation>
    </message>
    <message>
        <source>Repeat &amp;every</source>
        <translation>重复间隔(&amp;E)</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Base64</source>
        <translation>Base64</translation>
    </message>
    <message>
        <source>0 - at most once</source>
        <translation>0 - 最多一次</translation>
    </message>
    <message>
        <source>1 - at least once</source>
        <translation>1 - 至少一次</translation>
    </message>
    <message>
        <source>2 - exactly once</source>
        <translation>2 - 恰好一次</translation>
    </message>
    <message>
        <source>Publish (Ctrl+Return)</source>
        <translation>发布（Ctrl+Return）</translation>
    </message>
    <message>
        <source>&amp;Stop repeating</source>
        <translation>停止重复(&amp;S)</translation>
    </message>
    <message>
        <source>Start &amp;repeating</source>
        <translation>开始重复(&amp;R)</translation>
    </message>
    <message>
        <source>Not connected to a broker</source>
        <translation>未连接到服务器</translation>
    </message>
    <message>
        <source>The message was not sent</source>
        <translation>消息未发送</translation>
    </message>
    <message>
        <source>Sent to %1 at %2</source>
        <translation>已于 %2 发送到 %1</translation>
    </message>
    <message>
        <source>Sent to %1 at %2, waiting for the broker to acknowledge it (QoS %3)</source>
        <translation>已于 %2 发送到 %1，正在等待服务器确认（QoS %3）</translation>
    </message>
    <message>
        <source>The broker acknowledged the message to %1 at %2</source>
        <translation>服务器已于 %2 确认发送到 %1 的消息</translation>
    </message>
    <message>
        <source>, retained</source>
        <translation>，保留</translation>
    </message>
    <message>
        <source>No messages published yet</source>
        <translation>尚未发布任何消息</translation>
    </message>
    <message>
        <source>Recent messages</source>
        <translation>最近的消息</translation>
    </message>
    <message>
        <source>MQTT 5.0 pr&amp;operties</source>
        <translation>MQTT 5.0 属性(&amp;O)</translation>
    </message>
    <message>
        <source>Content t&amp;ype:</source>
        <translation>内容类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>e.g. application/json</source>
        <translation>例如 application/json</translation>
    </message>
    <message>
        <source>Payload &amp;is:</source>
        <translation>负载格式(&amp;I)：</translation>
    </message>
    <message>
        <source>Response topi&amp;c:</source>
        <translation>响应主题(&amp;C)：</translation>
    </message>
    <message>
        <source>E&amp;xpires after:</source>
        <translation>过期时间(&amp;X)：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Correlatio&amp;n data:</source>
        <translation>关联数据(&amp;N)：</translation>
    </message>
    <message>
        <source>Unspecified bytes</source>
        <translation>未指定的字节</translation>
    </message>
    <message>
        <source>UTF-8 text</source>
        <translation>UTF-8 文本</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>永不</translation>
    </message>
    <message>
        <source>Message Expiry Interval: the broker drops the message when it could not deliver it in time</source>
        <translation>消息过期间隔：服务器未能及时投递时将丢弃该消息</translation>
    </message>
    <message>
        <source>Content Type: what the payload is, e.g. a MIME type</source>
        <translation>内容类型：负载是什么，例如 MIME 类型</translation>
    </message>
    <message>
        <source>where the receiver should answer</source>
        <translation>接收方应答复到的主题</translation>
    </message>
    <message>
        <source>identifies the request in its response</source>
        <translation>在响应中标识该请求</translation>
    </message>
    <message>
        <source>User property</source>
        <translation>用户属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add a user property</source>
        <translation>添加用户属性</translation>
    </message>
    <message>
        <source>Remove the selected user property</source>
        <translation>删除所选用户属性</translation>
    </message>
    <message>
        <source>Show or hide the MQTT 5.0 message properties</source>
        <translation>显示或隐藏 MQTT 5.0 消息属性</translation>
    </message>
    <message>
        <source>Message properties need a connection with MQTT 5.0</source>
        <translation>消息属性需要使用 MQTT 5.0 的连接</translation>
    </message>
    <message>
        <source>Content type: %1</source>
        <translation>内容类型：%1</translation>
    </message>
    <message>
        <source>Response topic: %1</source>
        <translation>响应主题：%1</translation>
    </message>
    <message>
        <source>Correlation data: %1</source>
        <translation>关联数据：%1</translation>
    </message>
    <message>
        <source>User property %1: %2</source>
        <translation>用户属性 %1：%2</translation>
    </message>
    <message>
        <source>The payload is not valid UTF-8 but its format is set to UTF-8 text</source>
        <translation>负载不是有效的 UTF-8，但其格式被设为 UTF-8 文本</translation>
    </message>
    <message>
        <source>The broker acknowledged the message to %1 at %2: %3</source>
        <translation>服务器已于 %2 确认发送到 %1 的消息：%3</translation>
    </message>
    <message>
        <source>%1 (0x%2)</source>
        <translation>%1（0x%2）</translation>
    </message>
    <message>
        <source>Not delivered to %1 (0x%2): %3</source>
        <translation>未投递到 %1（0x%2）：%3</translation>
    </message>
    <message>
        <source>, with properties</source>
        <translation>，带属性</translation>
    </message>
    <message>
        <source>Sent to %1 at %2, after waiting for the connection</source>
        <translation>等待连接后，于 %2 发送到 %1</translation>
    </message>
    <message>
        <source>Not sent to %1: %2</source>
        <translation>未发送到 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Queued for %1 at %2: not connected, it is sent once the connection is up (%Ln message(s) waiting)</source>
        <translation>
            <numerusform>已于 %2 为 %1 排队：未连接，连接建立后发送（%Ln 条消息等待中）</numerusform>
        </translation>
    </message>
    <message>
        <source>How the payload is sent: text, JSON, hex and Base64 as typed; CBOR, MessagePack, Protobuf, Sparkplug B and Numbers encode the JSON typed below. The connection&apos;s decode rule for the topic chooses it unless you choose another.</source>
        <translation>负载的发送方式：文本、JSON、十六进制和 Base64 按输入原样发送；CBOR、MessagePack、Protobuf、Sparkplug B 和数字数组把下方输入的 JSON 编码后发送。除非您另选，否则由此连接中与主题匹配的解码规则决定。</translation>
    </message>
    <message>
        <source>The connection&apos;s decode rules say how a topic&apos;s payloads are shown, and the composer sends in that format unless you choose another</source>
        <translation>连接的解码规则决定主题负载的显示方式；除非您另选，撰写器也按该格式编码发送</translation>
    </message>
    <message>
        <source>CBOR</source>
        <translation>CBOR</translation>
    </message>
    <message>
        <source>MessagePack</source>
        <translation>MessagePack</translation>
    </message>
    <message>
        <source>Protobuf</source>
        <translation>Protobuf</translation>
    </message>
    <message>
        <source>Sparkplug B</source>
        <translation>Sparkplug B</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>数字数组</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>message type, e.g. acme.Reading</source>
        <translation>消息类型，例如 acme.Reading</translation>
    </message>
    <message>
        <source>number format</source>
        <translation>数字格式</translation>
    </message>
    <message>
        <source>as the rule for %1 says</source>
        <translation>按 %1 的规则</translation>
    </message>
    <message>
        <source>the rule for %1 says %2</source>
        <translation>%1 的规则为 %2</translation>
    </message>
    <message>
        <source>Name the message type to encode into, e.g. acme.Reading</source>
        <translation>请填写要编码成的消息类型，例如 acme.Reading</translation>
    </message>
    <message>
        <source>No .proto files are loaded for this connection: %1 is unknown</source>
        <translation>此连接未加载 Protobuf 定义文件（*.proto）：不认识 %1</translation>
    </message>
    <message>
        <source>No message type %1 in this connection&apos;s .proto files</source>
        <translation>此连接的 Protobuf 定义文件（*.proto）中没有消息类型 %1</translation>
    </message>
    <message>
        <source>Choose a number format: %1</source>
        <translation>请选择数字格式：%1</translation>
    </message>
    <message>
        <source>%1 (line %2, column %3)</source>
        <translation>%1（第 %2 行，第 %3 列）</translation>
    </message>
    <message>
        <source>Payload as JSON, sent as %1</source>
        <translation>以 JSON 输入负载，编码为 %1 发送</translation>
    </message>
    <message>
        <source>Nothing typed yet</source>
        <translation>尚未输入内容</translation>
    </message>
    <message>
        <source>Not sent: this does not encode as %1</source>
        <translation>不会发送：无法编码为 %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s) as %1</source>
        <translation>
            <numerusform>%Ln 字节（%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more byte(s)</source>
        <translation>
            <numerusform>……另有 %Ln 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (QoS %2%3%4%5): %6</source>
        <translation>%1（QoS %2%3%4%5）：%6</translation>
    </message>
    <message>
        <source>, %1</source>
        <translation>，%1</translation>
    </message>
    <message>
        <source>Save to collection…</source>
        <translation>保存到集合…</translation>
    </message>
    <message>
        <source>Save the message chosen in the history (or the latest) as a collection entry</source>
        <translation>将历史中选中的消息（或最近一条）保存为集合条目</translation>
    </message>
</context>
<context>
    <name>Publisher</name>
    <message>
        <source>the connection closed unexpectedly</source>
        <translation>连接意外关闭</translation>
    </message>
    <message>
        <source>cannot read standard input: %1</source>
        <translation>无法读取标准输入：%1</translation>
    </message>
    <message>
        <source>switchboard-cli pub: the broker acknowledged a message: %1</source>
        <translation>switchboard-cli pub：服务器确认了一条消息：%1</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>RecordSession</name>
    <message>
        <source>switchboard-cli record: subscribed to &apos;%1&apos; (granted QoS %2)</source>
        <translation>switchboard-cli record：已订阅“%1”（授予 QoS %2）</translation>
    </message>
    <message>
        <source>the broker refused the subscription to &apos;%1&apos;: %2</source>
        <translation>服务器拒绝了对“%1”的订阅：%2</translation>
    </message>
    <message>
        <source>switchboard-cli record: messages written to %1: %2</source>
        <translation>switchboard-cli record：写入 %1 的消息数：%2</translation>
    </message>
</context>
<context>
    <name>RecordingController</name>
    <message>
        <source>Capture files (*.jsonl);;All files (*)</source>
        <translation>录制文件 (*.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The recording could not be read further: %1</source>
        <translation>录制文件无法继续读取：%1</translation>
    </message>
    <message>
        <source>&amp;Record messages…</source>
        <translation>录制消息(&amp;R)…</translation>
    </message>
    <message>
        <source>Record what this connection receives to a capture file, until you stop</source>
        <translation>将此连接收到的消息录制到录制文件，直到您停止</translation>
    </message>
    <message>
        <source>Record &amp;sent messages too</source>
        <translation>同时录制发送的消息(&amp;S)</translation>
    </message>
    <message>
        <source>Also record the messages published from this window on the connection</source>
        <translation>同时录制从此窗口在该连接上发布的消息</translation>
    </message>
    <message>
        <source>&amp;Open recording…</source>
        <translation>打开录制文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Browse a capture file&apos;s messages in the log and the topic tree, without a broker</source>
        <translation>无需服务器，在日志和主题树中浏览录制文件的消息</translation>
    </message>
    <message>
        <source>Re&amp;play recording…</source>
        <translation>回放录制文件(&amp;P)…</translation>
    </message>
    <message>
        <source>Publish a capture file&apos;s messages again through an open connection</source>
        <translation>通过一个已打开的连接重新发布录制文件的消息</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>%1 (recording)</source>
        <translation>%1（录制文件）</translation>
    </message>
    <message>
        <source>A recording opened from a file has no connection to record</source>
        <translation>从文件打开的录制没有可录制的连接</translation>
    </message>
    <message>
        <source>Recording stopped</source>
        <translation>录制已停止</translation>
    </message>
    <message numerus="yes">
        <source>Recorded %Ln message(s) to %1</source>
        <translation>
            <numerusform>已录制 %Ln 条消息到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Record messages to</source>
        <translation>将消息录制到</translation>
    </message>
    <message>
        <source>Recording %1, started %2</source>
        <translation>录制文件 %1，开始于 %2</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>Open recording</source>
        <translation>打开录制文件</translation>
    </message>
    <message>
        <source>Stop &amp;recording</source>
        <translation>停止录制(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>● Recording %1: %Ln message(s)</source>
        <translation>
            <numerusform>● 正在录制 %1：%Ln 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Recording toolbar</source>
        <translation>录制工具栏(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ReplayDialog</name>
    <message>
        <source>Replay recording</source>
        <translation>回放录制文件</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>A capture file (.jsonl)</source>
        <translation>录制文件 (.jsonl)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Publish &amp;on:</source>
        <translation>发布于(&amp;O)：</translation>
    </message>
    <message>
        <source>The open connection the messages are published through</source>
        <translation>用于发布消息的已打开连接</translation>
    </message>
    <message>
        <source>Pace:</source>
        <translation>节奏：</translation>
    </message>
    <message>
        <source>&amp;Recorded pace ×</source>
        <translation>录制节奏(&amp;R) ×</translation>
    </message>
    <message>
        <source>2 replays twice as fast as recorded, 0.5 half as fast</source>
        <translation>2 表示以录制速度的两倍回放，0.5 表示一半速度</translation>
    </message>
    <message>
        <source>As &amp;fast as possible</source>
        <translation>尽可能快(&amp;F)</translation>
    </message>
    <message>
        <source>Topic &amp;prefix:</source>
        <translation>主题前缀(&amp;P)：</translation>
    </message>
    <message>
        <source>e.g. copy/ (rec/a becomes copy/rec/a)</source>
        <translation>例如 copy/（rec/a 变为 copy/rec/a）</translation>
    </message>
    <message>
        <source>&amp;QoS:</source>
        <translation>&amp;QoS：</translation>
    </message>
    <message>
        <source>&amp;Loop: start again at the end of the file</source>
        <translation>循环(&amp;L)：到达文件末尾后重新开始</translation>
    </message>
    <message>
        <source>As recorded</source>
        <translation>与录制时相同</translation>
    </message>
    <message>
        <source>0 (at most once)</source>
        <translation>0（最多一次）</translation>
    </message>
    <message>
        <source>1 (at least once)</source>
        <translation>1（至少一次）</translation>
    </message>
    <message>
        <source>2 (exactly once)</source>
        <translation>2（恰好一次）</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Open a connection to replay through.</source>
        <translation>请打开一个用于回放的连接。</translation>
    </message>
    <message>
        <source>Cannot replay: %1</source>
        <translation>无法回放：%1</translation>
    </message>
    <message>
        <source>Replaying through %1…</source>
        <translation>正在通过 %1 回放…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) published</source>
        <translation>
            <numerusform>已发布 %Ln 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (pass %2)</source>
        <translation>%1（第 %2 遍）</translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation>完成：%1。</translation>
    </message>
    <message>
        <source>Done: %1; %2</source>
        <translation>完成：%1；%2</translation>
    </message>
    <message>
        <source>Stopped: %1.</source>
        <translation>已停止：%1。</translation>
    </message>
    <message>
        <source>Failed after %1: %2</source>
        <translation>%1 后失败：%2</translation>
    </message>
    <message>
        <source>Capture files (*.jsonl);;All files (*)</source>
        <translation>录制文件 (*.jsonl);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ReplaySession</name>
    <message>
        <source>switchboard-cli replay: messages published: %1</source>
        <translation>switchboard-cli replay：已发布的消息数：%1</translation>
    </message>
</context>
<context>
    <name>RequestResponseModel</name>
    <message>
        <source>waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>no response</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>unmatched</source>
        <translation>未匹配</translation>
    </message>
    <message>
        <source>Topic: %1</source>
        <translation>主题：%1</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <source>Correlation data</source>
        <translation>关联数据</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>From publishing the request to receiving its response, through the broker. A broker that leaves Nagle&apos;s algorithm on (mosquitto&apos;s default, set_tcp_nodelay false) adds about 40 ms to each round trip.</source>
        <translation>从发布请求到收到其响应的时间，包括经过服务器的时间。如果服务器开启了 Nagle 算法（mosquitto 的默认设置，即 set_tcp_nodelay 关闭），每次往返约增加 40 毫秒。</translation>
    </message>
    <message>
        <source>%L1 ms</source>
        <translation>%L1 毫秒</translation>
    </message>
    <message>
        <source>%L1 ms (late)</source>
        <translation>%L1 毫秒（迟到）</translation>
    </message>
</context>
<context>
    <name>RequestResponsePane</name>
    <message>
        <source>Re&amp;quest topic:</source>
        <translation>请求主题(&amp;Q)：</translation>
    </message>
    <message>
        <source>e.g. service/time/get</source>
        <translation>例如 service/time/get</translation>
    </message>
    <message>
        <source>Res&amp;ponse topic:</source>
        <translation>响应主题(&amp;P)：</translation>
    </message>
    <message>
        <source>Request payload</source>
        <translation>请求负载</translation>
    </message>
    <message>
        <source>&amp;QoS:</source>
        <translation>&amp;QoS：</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>超时(&amp;T)：</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>&amp;Send request</source>
        <translation>发送请求(&amp;S)</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>0 - at most once</source>
        <translation>0 - 最多一次</translation>
    </message>
    <message>
        <source>1 - at least once</source>
        <translation>1 - 至少一次</translation>
    </message>
    <message>
        <source>2 - exactly once</source>
        <translation>2 - 恰好一次</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>After this long without a response the request is listed as &quot;no response&quot;</source>
        <translation>超过此时间仍无响应时，该请求显示为“无响应”</translation>
    </message>
    <message>
        <source>Sent as the Response Topic; Switchboard subscribes to it before the first request</source>
        <translation>作为响应主题发送；Switchboard 会在第一个请求之前订阅它</translation>
    </message>
    <message>
        <source>Request/response needs a connection with MQTT 5.0</source>
        <translation>请求/响应需要使用 MQTT 5.0 的连接</translation>
    </message>
    <message>
        <source>Request/response needs a connection with MQTT 5.0.</source>
        <translation>请求/响应需要使用 MQTT 5.0 的连接。</translation>
    </message>
    <message>
        <source>Request topic: %1</source>
        <translation>请求主题：%1</translation>
    </message>
    <message>
        <source>Response topic: %1</source>
        <translation>响应主题：%1</translation>
    </message>
    <message>
        <source>Could not subscribe to the response topic: %1</source>
        <translation>无法订阅响应主题：%1</translation>
    </message>
    <message>
        <source>The request was not sent</source>
        <translation>请求未发送</translation>
    </message>
    <message>
        <source>Request %1 sent to %2</source>
        <translation>请求 %1 已发送到 %2</translation>
    </message>
    <message>
        <source>The broker refused the subscription to the response topic %1: %2</source>
        <translation>服务器拒绝了对响应主题 %1 的订阅：%2</translation>
    </message>
    <message>
        <source>Answered %1 · waiting %2 · no response %3 · unmatched %4</source>
        <translation>已响应 %1 · 等待 %2 · 无响应 %3 · 未匹配 %4</translation>
    </message>
</context>
<context>
    <name>RetainedScan</name>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>A search for retained messages is running</source>
        <translation>正在查找保留消息</translation>
    </message>
    <message>
        <source>The connection ended during the search</source>
        <translation>查找过程中连接已断开</translation>
    </message>
    <message>
        <source>The broker refused the subscription to %1: %2</source>
        <translation>服务器拒绝了对 %1 的订阅：%2</translation>
    </message>
</context>
<context>
    <name>Script</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>Script::ScriptSession</name>
    <message>
        <source>connection lost: %1</source>
        <translation>连接已断开：%1</translation>
    </message>
    <message>
        <source>interrupted after %1 s</source>
        <translation>%1 秒后已中断</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>in the on() handler for %1: %2</source>
        <translation>在 %1 的 on() 处理函数中：%2</translation>
    </message>
    <message>
        <source>an exception without a message</source>
        <translation>没有消息的异常</translation>
    </message>
    <message>
        <source>%1: not connected (call connect() first)</source>
        <translation>%1：未连接（请先调用 connect()）</translation>
    </message>
    <message>
        <source>connect(): %1</source>
        <translation>connect()：%1</translation>
    </message>
    <message>
        <source>connect(): there is no profile named &apos;%1&apos;</source>
        <translation>connect()：没有名为“%1”的配置</translation>
    </message>
    <message>
        <source>connect(): give a broker URL such as mqtt://127.0.0.1:1883, not &apos;%1&apos;</source>
        <translation>connect()：请给出服务器 URL，例如 mqtt://127.0.0.1:1883，而不是“%1”</translation>
    </message>
    <message>
        <source>version must be 5, 3.1.1 or 3.1, not &apos;%1&apos;</source>
        <translation>版本必须是 5、3.1.1 或 3.1，而不是“%1”</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>未知选项“%1”</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>未及时应答</translation>
    </message>
    <message>
        <source>could not connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>%1: QoS must be 0, 1 or 2</source>
        <translation>%1：QoS 必须是 0、1 或 2</translation>
    </message>
    <message>
        <source>%1: the broker did not acknowledge the subscription to %2</source>
        <translation>%1：服务器未确认对 %2 的订阅</translation>
    </message>
    <message>
        <source>%1: the broker refused the subscription to %2: %3</source>
        <translation>%1：服务器拒绝了对 %2 的订阅：%3</translation>
    </message>
    <message>
        <source>unknown property &apos;%1&apos;</source>
        <translation>未知属性“%1”</translation>
    </message>
    <message>
        <source>QoS must be 0, 1 or 2</source>
        <translation>QoS 必须是 0、1 或 2</translation>
    </message>
    <message>
        <source>%1: the broker did not acknowledge the message to %2</source>
        <translation>%1：服务器未确认发往 %2 的消息</translation>
    </message>
    <message>
        <source>%1: the broker refused the message to %2: %3</source>
        <translation>%1：服务器拒绝了发往 %2 的消息：%3</translation>
    </message>
    <message>
        <source>on(): %1</source>
        <translation>on()：%1</translation>
    </message>
    <message>
        <source>on(): the handler must be a function</source>
        <translation>on()：处理函数必须是函数</translation>
    </message>
    <message>
        <source>expect(): %1</source>
        <translation>expect()：%1</translation>
    </message>
    <message>
        <source>expect(): the predicate must be a function</source>
        <translation>expect()：判断条件必须是函数</translation>
    </message>
    <message>
        <source>the predicate</source>
        <translation>判断条件</translation>
    </message>
    <message>
        <source>expected a message on %1 within %2 ms</source>
        <translation>预期在 %2 毫秒内收到 %1 上的消息</translation>
    </message>
    <message>
        <source>expected a message on %1 matching %2 within %3 ms</source>
        <translation>预期在 %3 毫秒内收到 %1 上符合 %2 的消息</translation>
    </message>
    <message>
        <source>; messages on it that did not match: %1, the last: %2</source>
        <translation>；其上不符合的消息：%1 条，最后一条：%2</translation>
    </message>
    <message>
        <source>; not connected</source>
        <translation>；未连接</translation>
    </message>
    <message>
        <source>; no subscription covers %1</source>
        <translation>；没有订阅覆盖 %1</translation>
    </message>
    <message>
        <source>sleep(): give a time in milliseconds</source>
        <translation>sleep()：请给出以毫秒计的时间</translation>
    </message>
    <message>
        <source>test(): tests cannot be nested</source>
        <translation>test()：测试不能嵌套</translation>
    </message>
    <message>
        <source>test(): give a name and a function</source>
        <translation>test()：请给出名称和函数</translation>
    </message>
    <message>
        <source>json.parse(): not JSON: %1 at character %2 of &quot;%3&quot;</source>
        <translation>json.parse()：不是 JSON：“%3”的第 %2 个字符处 %1</translation>
    </message>
    <message>
        <source>json.parse(): not JSON: &quot;%1&quot;</source>
        <translation>json.parse()：不是 JSON：“%1”</translation>
    </message>
    <message>
        <source>payload.decode(): %1</source>
        <translation>payload.decode()：%1</translation>
    </message>
    <message>
        <source>payload.encode(): %1</source>
        <translation>payload.encode()：%1</translation>
    </message>
</context>
<context>
    <name>ScriptConsole</name>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a script file</source>
        <translation>打开脚本文件</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the script to a file</source>
        <translation>将脚本保存到文件</translation>
    </message>
    <message>
        <source>Time &amp;limit:</source>
        <translation>时间限制(&amp;L)：</translation>
    </message>
    <message>
        <source>The script is interrupted after this time (0: no limit)</source>
        <translation>超过此时间后脚本将被中断（0：不限）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the script on a thread of its own (Ctrl+R in the editor)</source>
        <translation>在独立线程上运行脚本（编辑器中按 Ctrl+R）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Interrupt the running script</source>
        <translation>中断正在运行的脚本</translation>
    </message>
    <message>
        <source>Write a script here or open one: connect(), subscribe(), publish(), on(), expect(), sleep(), test(), log() (see docs/scripting.md)</source>
        <translation>在此编写脚本或打开一个脚本：connect()、subscribe()、publish()、on()、expect()、sleep()、test()、log()（见 docs/scripting.md）</translation>
    </message>
    <message>
        <source>What the script logs, its tests and its errors</source>
        <translation>脚本输出的日志、测试结果和错误</translation>
    </message>
    <message>
        <source>PASS  %1 (%2 ms)</source>
        <translation>通过  %1（%2 毫秒）</translation>
    </message>
    <message>
        <source>FAIL  %1 (%2 ms)</source>
        <translation>失败  %1（%2 毫秒）</translation>
    </message>
    <message>
        <source>line %1: </source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <source>Error at line %1: %2</source>
        <translation>第 %1 行出错：%2</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Finished in %1 s: tests %2, passed %3, failed %4, errors %5</source>
        <translation>用时 %1 秒完成：测试 %2，通过 %3，失败 %4，错误 %5</translation>
    </message>
    <message>
        <source>untitled.js</source>
        <translation>未命名.js</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>正在运行 %1…</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Open script</source>
        <translation>打开脚本</translation>
    </message>
    <message>
        <source>JavaScript (*.js);;All files (*)</source>
        <translation>JavaScript (*.js);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save script</source>
        <translation>保存脚本</translation>
    </message>
    <message>
        <source>(not saved)</source>
        <translation>（未保存）</translation>
    </message>
    <message>
        <source>%1 not run: a script is still running (Stop it first)</source>
        <translation>%1 未运行：仍有脚本在运行（请先停止它）</translation>
    </message>
    <message>
        <source>%1 (not saved)</source>
        <translation>%1（未保存）</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>Could not store the password in the keychain: %1</source>
        <translation>无法将密码保存到钥匙串：%1</translation>
    </message>
    <message>
        <source>No password is stored for this profile.</source>
        <translation>此配置没有保存密码。</translation>
    </message>
    <message>
        <source>Could not read the password from the keychain: %1</source>
        <translation>无法从钥匙串读取密码：%1</translation>
    </message>
    <message>
        <source>Could not delete the password from the keychain: %1</source>
        <translation>无法从钥匙串删除密码：%1</translation>
    </message>
</context>
<context>
    <name>Subscriber</name>
    <message>
        <source>timed out after %1 s, %2 messages received</source>
        <translation>%1 秒后超时，已收到 %2 条消息</translation>
    </message>
    <message>
        <source>cannot write to standard output: %1</source>
        <translation>无法写入标准输出：%1</translation>
    </message>
    <message>
        <source>switchboard-cli sub: subscribed to &apos;%1&apos; (granted QoS %2)</source>
        <translation>switchboard-cli sub：已订阅 &apos;%1&apos;（授予 QoS %2）</translation>
    </message>
    <message>
        <source>the broker refused the subscription to &apos;%1&apos;: %2</source>
        <translation>服务器拒绝了对“%1”的订阅：%2</translation>
    </message>
    <message>
        <source>the broker refused to unsubscribe from &apos;%1&apos;: %2</source>
        <translation>服务器拒绝取消对“%1”的订阅：%2</translation>
    </message>
    <message>
        <source>switchboard-cli sub: unsubscribed from &apos;%1&apos;: %2</source>
        <translation>switchboard-cli sub：已取消订阅“%1”：%2</translation>
    </message>
</context>
<context>
    <name>SubscriptionModel</name>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>过滤器</translation>
    </message>
    <message>
        <source>Requested QoS</source>
        <translation>请求的 QoS</translation>
    </message>
    <message>
        <source>Granted QoS</source>
        <translation>授予的 QoS</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>The broker refused this subscription: %1 (reason code 0x%2)</source>
        <translation>服务器拒绝了此订阅：%1（原因码 0x%2）</translation>
    </message>
    <message>
        <source>Reason string: %1</source>
        <translation>原因字符串：%1</translation>
    </message>
    <message>
        <source>id %1</source>
        <translation>标识 %1</translation>
    </message>
    <message>
        <source>Subscription identifier %1</source>
        <translation>订阅标识符 %1</translation>
    </message>
    <message>
        <source>no local</source>
        <translation>不接收本地</translation>
    </message>
    <message>
        <source>No local: own messages are not received</source>
        <translation>不接收本地：不接收自己发布的消息</translation>
    </message>
    <message>
        <source>retain as published</source>
        <translation>按发布保留</translation>
    </message>
    <message>
        <source>Retain as published: the retain flag is kept</source>
        <translation>按发布保留：保留标志不变</translation>
    </message>
    <message>
        <source>retained if new</source>
        <translation>新订阅才发保留</translation>
    </message>
    <message>
        <source>Retained messages: only when the subscription is new</source>
        <translation>保留消息：仅在新订阅时发送</translation>
    </message>
    <message>
        <source>no retained</source>
        <translation>不发保留</translation>
    </message>
    <message>
        <source>Retained messages: never sent</source>
        <translation>保留消息：从不发送</translation>
    </message>
    <message>
        <source>MQTT 5.0 subscription options and identifier</source>
        <translation>MQTT 5.0 订阅选项和标识符</translation>
    </message>
    <message>
        <source>QoS</source>
        <translation>QoS</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>授予</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
</context>
<context>
    <name>SubscriptionsPane</name>
    <message>
        <source>Topic filter, e.g. sensors/#</source>
        <translation>主题过滤器，例如 sensors/#</translation>
    </message>
    <message>
        <source>Maximum QoS requested</source>
        <translation>请求的最大 QoS</translation>
    </message>
    <message>
        <source>&amp;Subscribe</source>
        <translation>订阅(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Unsubscribe</source>
        <translation>取消订阅(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>静音(&amp;M)</translation>
    </message>
    <message>
        <source>Hide this subscription&apos;s messages from the log</source>
        <translation>在日志中隐藏此订阅的消息</translation>
    </message>
    <message>
        <source>C&amp;olour…</source>
        <translation>颜色(&amp;O)…</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Show &amp;all topics</source>
        <translation>显示所有主题(&amp;A)</translation>
    </message>
    <message>
        <source>Stop filtering the log to the selected topic</source>
        <translation>不再将日志限定为所选主题</translation>
    </message>
    <message>
        <source>QoS 0</source>
        <translation>QoS 0</translation>
    </message>
    <message>
        <source>QoS 1</source>
        <translation>QoS 1</translation>
    </message>
    <message>
        <source>QoS 2</source>
        <translation>QoS 2</translation>
    </message>
    <message>
        <source>Colour for %1</source>
        <translation>%1 的颜色</translation>
    </message>
    <message>
        <source>Not connected to a broker</source>
        <translation>未连接到服务器</translation>
    </message>
    <message>
        <source>Show only this subtree in the log</source>
        <translation>在日志中只显示此子树</translation>
    </message>
    <message>
        <source>Use in the publish composer</source>
        <translation>在发布编辑器中使用</translation>
    </message>
    <message>
        <source>Clear retained message on &quot;%1&quot;</source>
        <translation>清除“%1”上的保留消息</translation>
    </message>
    <message>
        <source>Publish an empty retained message to &quot;%1&quot;? The broker then forgets the retained message of this topic.</source>
        <translation>向“%1”发布一条空的保留消息吗？服务器随后会删除该主题的保留消息。</translation>
    </message>
    <message>
        <source>Clear retained messages</source>
        <translation>清除保留消息</translation>
    </message>
    <message>
        <source>MQTT 5.0 options</source>
        <translation>MQTT 5.0 选项</translation>
    </message>
    <message>
        <source>&amp;No local</source>
        <translation>不接收本地(&amp;N)</translation>
    </message>
    <message>
        <source>Do not receive the messages this client publishes</source>
        <translation>不接收此客户端自己发布的消息</translation>
    </message>
    <message>
        <source>Retain as &amp;published</source>
        <translation>按发布保留(&amp;P)</translation>
    </message>
    <message>
        <source>Keep the retain flag the publisher set on forwarded messages</source>
        <translation>转发的消息保留发布者设置的保留标志</translation>
    </message>
    <message>
        <source>&amp;Retained messages:</source>
        <translation>保留消息(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Identifier:</source>
        <translation>标识符(&amp;I)：</translation>
    </message>
    <message>
        <source>Subscription identifier: none, automatic (the next free number), or a number from 1 to 268435455; the broker sends it back with each matching message</source>
        <translation>订阅标识符：无、自动（下一个空闲编号），或 1 到 268435455 之间的数字；服务器会随每条匹配的消息返回它</translation>
    </message>
    <message>
        <source>%1 (0x%2)</source>
        <translation>%1（0x%2）</translation>
    </message>
    <message>
        <source>%1 (0x%2): %3</source>
        <translation>%1（0x%2）：%3</translation>
    </message>
    <message>
        <source>Send at subscribe</source>
        <translation>订阅时发送</translation>
    </message>
    <message>
        <source>Send only if new</source>
        <translation>仅新订阅时发送</translation>
    </message>
    <message>
        <source>Never send</source>
        <translation>从不发送</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Subscription options of MQTT 5.0</source>
        <translation>MQTT 5.0 的订阅选项</translation>
    </message>
    <message>
        <source>Subscription options need a connection with MQTT 5.0 (chosen in the connection pane)</source>
        <translation>订阅选项需要 MQTT 5.0 连接（在连接面板中选择）</translation>
    </message>
    <message>
        <source>The broker refused the subscription to %1: %2</source>
        <translation>服务器拒绝了对 %1 的订阅：%2</translation>
    </message>
    <message>
        <source>The broker refused to unsubscribe from %1: %2</source>
        <translation>服务器拒绝取消对 %1 的订阅：%2</translation>
    </message>
    <message>
        <source>Shared subscriptions ($share/group/filter) need MQTT 5.0: connect with MQTT 5.0 to use them</source>
        <translation>共享订阅（$share/组/过滤器）需要 MQTT 5.0：请用 MQTT 5.0 连接后使用</translation>
    </message>
    <message>
        <source>Subscription identifier: enter a number from 1 to %L1, or choose none or automatic</source>
        <translation>订阅标识符：请输入 1 到 %L1 之间的数字，或选择无或自动</translation>
    </message>
    <message>
        <source>Find retained messages below &quot;%1&quot;</source>
        <translation>查找“%1”下的保留消息</translation>
    </message>
    <message>
        <source>Clear retained messages below &quot;%1&quot; (%L2)…</source>
        <translation>清除“%1”下的保留消息（%L2）…</translation>
    </message>
    <message>
        <source>Decode as…</source>
        <translation>解码为…</translation>
    </message>
</context>
<context>
    <name>ThemeController</name>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>The colours and style of the desktop</source>
        <translation>使用桌面的颜色和样式</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>Dark text on light backgrounds</source>
        <translation>浅色背景上的深色文字</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>Light text on dark backgrounds</source>
        <translation>深色背景上的浅色文字</translation>
    </message>
</context>
<context>
    <name>TopTalkersDock</name>
    <message>
        <source>Top talkers</source>
        <translation>流量排行</translation>
    </message>
    <message>
        <source>Top &amp;talkers</source>
        <translation>流量排行(&amp;T)</translation>
    </message>
    <message>
        <source>The topics and subtrees that receive the most messages and bytes per second</source>
        <translation>每秒收到消息和字节最多的主题与子树</translation>
    </message>
</context>
<context>
    <name>TopTalkersModel</name>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>&quot;%1&quot; and every topic below it</source>
        <translation>“%1”及其下的所有主题</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) and %1 in the last %2 s: %3 of the messages, %4 of the bytes</source>
        <translation>
            <numerusform>最近 %2 秒内 %Ln 条消息、%1：占消息的 %3，占字节的 %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Subtree</source>
        <translation>子树</translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation>字节/秒</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>The share of every message received in the window</source>
        <translation>占时间窗口内收到的全部消息的比例</translation>
    </message>
</context>
<context>
    <name>TopTalkersPane</name>
    <message>
        <source>&amp;Over the last:</source>
        <translation>统计最近(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Topics</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Subtrees</source>
        <translation>子树(&amp;S)</translation>
    </message>
    <message>
        <source>Show &amp;all topics</source>
        <translation>显示全部主题(&amp;A)</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 秒</translation>
    </message>
    <message>
        <source>10 seconds</source>
        <translation>10 秒</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>The sliding window the rates are counted over</source>
        <translation>计算速率所用的滑动时间窗口</translation>
    </message>
    <message>
        <source>One row per topic</source>
        <translation>每个主题一行</translation>
    </message>
    <message>
        <source>One row per topic level with everything below it, such as sensors/kitchen/#</source>
        <translation>每个主题层级及其下的全部内容一行，例如 sensors/kitchen/#</translation>
    </message>
    <message>
        <source>Undo the narrowing: the log and the topic tree show every topic again</source>
        <translation>取消筛选：日志和主题树重新显示所有主题</translation>
    </message>
    <message>
        <source>Click a row to narrow the message log and the topic tree to it</source>
        <translation>点击一行，将消息日志和主题树筛选到该项</translation>
    </message>
    <message>
        <source>Show &amp;all topics (now: %1)</source>
        <translation>显示全部主题(&amp;A)（当前：%1）</translation>
    </message>
    <message numerus="yes">
        <source>In all: %1 messages/s, %2/s; %Ln topic(s) tracked</source>
        <translation>
            <numerusform>合计：%1 条消息/秒，%2/秒；跟踪 %Ln 个主题</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TopicDetailPane</name>
    <message>
        <source>QoS:</source>
        <translation>QoS：</translation>
    </message>
    <message>
        <source>Retain flag:</source>
        <translation>保留标志：</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>接收时间：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <source>Messages:</source>
        <translation>消息：</translation>
    </message>
    <message>
        <source>Retained:</source>
        <translation>保留消息：</translation>
    </message>
    <message>
        <source>Recent messages (newest first; select one to see its value)</source>
        <translation>最近的消息（最新的在前；选择一条可查看其值）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>QoS</source>
        <translation>QoS</translation>
    </message>
    <message>
        <source>Retain</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Select a topic in the tree</source>
        <translation>请在树中选择一个主题</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message numerus="yes">
        <source>%1 here and below, in %Ln topic(s)</source>
        <translation>
            <numerusform>此处及下级共 %1 条，分布在 %Ln 个主题中</numerusform>
        </translation>
    </message>
    <message>
        <source>held by the broker</source>
        <translation>服务器持有</translation>
    </message>
    <message>
        <source>none known</source>
        <translation>未知有</translation>
    </message>
    <message numerus="yes">
        <source>%Ln topic(s) below hold one</source>
        <translation>
            <numerusform>下级有 %Ln 个主题持有</numerusform>
        </translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No message was published to this level itself</source>
        <translation>没有消息发布到这一层级本身</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>Last value</source>
        <translation>最新值</translation>
    </message>
    <message>
        <source>Value at %1</source>
        <translation>%1 时的值</translation>
    </message>
    <message>
        <source>(the first %1 of %2 bytes)</source>
        <translation>（%2 字节中的前 %1 字节）</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Decoded tree</source>
        <translation>解码树</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
</context>
<context>
    <name>TopicTreeModel</name>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>主题数</translation>
    </message>
    <message>
        <source>Last payload</source>
        <translation>最后负载</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最后时间</translation>
    </message>
    <message>
        <source>%1
The broker holds a retained message for this topic.</source>
        <translation>%1
服务器为此主题保存着一条保留消息。</translation>
    </message>
    <message>
        <source>Msgs/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>Connections: %1</source>
        <translation>连接：%1</translation>
    </message>
</context>
<context>
    <name>TopicTreePane</name>
    <message>
        <source>Search topics: text, or an MQTT filter such as plant/+/speed</source>
        <translation>搜索主题：文本，或 MQTT 过滤器，如 plant/+/speed</translation>
    </message>
    <message>
        <source>Text is found anywhere in a topic (any case); with + or # it is matched as an MQTT topic filter. The path to each match stays visible.</source>
        <translation>文本可出现在主题的任意位置（不区分大小写）；含 + 或 # 时按 MQTT 主题过滤器匹配。每个匹配项的路径保持可见。</translation>
    </message>
    <message>
        <source>Sort the tree; rows keep their place while messages arrive. Choose again to sort with the values of now.</source>
        <translation>对树进行排序；消息到达时各行保持原位。再次选择即按当前的值重新排序。</translation>
    </message>
    <message>
        <source>Find &amp;retained</source>
        <translation>查找保留消息(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Clear retained…</source>
        <translation>清除保留消息(&amp;C)…</translation>
    </message>
    <message>
        <source>Bold: the broker holds a retained message · Tinted: changed in the last second</source>
        <translation>粗体：服务器持有保留消息 · 着色：最近一秒内有变化</translation>
    </message>
    <message>
        <source>Rows keep their place while messages arrive; choose the sort again (or click the column title) to sort with the values of now.</source>
        <translation>消息到达时各行保持原位；再次选择排序方式（或点击列标题）即按当前的值重新排序。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>Subtopics</source>
        <translation>子主题数</translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>最后更新</translation>
    </message>
    <message>
        <source>Sort: %1</source>
        <translation>排序：%1</translation>
    </message>
    <message>
        <source>Click a column title to sort by it (names in natural order: line2 before line10); rows keep their place while messages arrive until you click again</source>
        <translation>点击列标题按该列排序（名称按自然顺序：line2 在 line10 之前）；在再次点击之前，消息到达时各行保持原位</translation>
    </message>
    <message numerus="yes">
        <source>%Ln topic(s) match the filter</source>
        <translation>
            <numerusform>%Ln 个主题匹配该过滤器</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln topic(s) contain the text</source>
        <translation>
            <numerusform>%Ln 个主题包含该文本</numerusform>
        </translation>
    </message>
    <message>
        <source>Subscribe to the whole broker for a moment and mark every topic that holds a retained message</source>
        <translation>短暂订阅整个服务器，并标记每个持有保留消息的主题</translation>
    </message>
    <message>
        <source>Subscribe to &quot;%1&quot; and below for a moment and mark every topic that holds a retained message</source>
        <translation>短暂订阅“%1”及其下级，并标记每个持有保留消息的主题</translation>
    </message>
    <message numerus="yes">
        <source>List the %Ln topic(s) known to hold a retained message, then clear them</source>
        <translation>
            <numerusform>列出已知持有保留消息的 %Ln 个主题，然后清除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>List the %Ln topic(s) at and below &quot;%1&quot; known to hold a retained message, then clear them</source>
        <translation>
            <numerusform>列出“%1”及其下级已知持有保留消息的 %Ln 个主题，然后清除</numerusform>
        </translation>
    </message>
    <message>
        <source>Find retained messages below &quot;%1&quot;</source>
        <translation>查找“%1”下的保留消息</translation>
    </message>
    <message>
        <source>Clear retained message on &quot;%1&quot;</source>
        <translation>清除“%1”上的保留消息</translation>
    </message>
    <message>
        <source>Clear retained messages below &quot;%1&quot; (%2)…</source>
        <translation>清除“%1”下的保留消息（%2）…</translation>
    </message>
    <message>
        <source>Use in the publish composer</source>
        <translation>在发布编辑器中使用</translation>
    </message>
    <message>
        <source>Decode as…</source>
        <translation>解码为…</translation>
    </message>
    <message>
        <source>Chart this…</source>
        <translation>绘制图表…</translation>
    </message>
</context>
<context>
    <name>Variables</name>
    <message>
        <source>&quot;{{&quot; is not closed by &quot;}}&quot;</source>
        <translation>“{{”没有以“}}”闭合</translation>
    </message>
    <message>
        <source>empty variable &quot;{{}}&quot;</source>
        <translation>空变量“{{}}”</translation>
    </message>
    <message>
        <source>{{random A B}} takes two integers, e.g. {{random 1 100}}</source>
        <translation>{{random A B}} 需要两个整数，例如 {{random 1 100}}</translation>
    </message>
    <message>
        <source>{{random %1 %2}}: the first bound is greater than the second</source>
        <translation>{{random %1 %2}}：第一个界限大于第二个</translation>
    </message>
    <message>
        <source>{{%1}} needs an environment: none is active</source>
        <translation>{{%1}} 需要环境：当前没有启用的环境</translation>
    </message>
    <message>
        <source>the environment &quot;%1&quot; has no %2</source>
        <translation>环境“%1”中没有 %2</translation>
    </message>
    <message>
        <source>{{%1}} takes no arguments</source>
        <translation>{{%1}} 不接受参数</translation>
    </message>
    <message>
        <source>unknown variable &quot;%1&quot; (one of now, now.epoch, now.epochms, seq, uuid, random A B, env.NAME)</source>
        <translation>未知变量“%1”（可用：now、now.epoch、now.epochms、seq、uuid、random A B、env.NAME）</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
</context>
<context>
    <name>bench</name>
    <message>
        <source>--%1 must be a number from %2 to %3, not &apos;%4&apos;</source>
        <translation>--%1 必须是 %2 到 %3 之间的数字，而不是 &apos;%4&apos;</translation>
    </message>
    <message>
        <source>--%1 must be a whole number from %2 to %3, not &apos;%4&apos;</source>
        <translation>--%1 必须是 %2 到 %3 之间的整数，而不是 &apos;%4&apos;</translation>
    </message>
    <message>
        <source>Publishing connections (default 1).</source>
        <translation>发布消息的连接数（默认 1）。</translation>
    </message>
    <message>
        <source>Subscribing connections; each receives every message (default 1).</source>
        <translation>订阅消息的连接数；每个连接都收到每条消息（默认 1）。</translation>
    </message>
    <message>
        <source>New connections per second, subscribers first; 0 opens them all at once (default 1000).</source>
        <translation>每秒新建的连接数，先建订阅者；0 表示一次全部打开（默认 1000）。</translation>
    </message>
    <message>
        <source>Messages per publisher; 0 with --duration for no limit (default 100000).</source>
        <translation>每个发布者的消息数；配合 --duration 时 0 表示不限（默认 100000）。</translation>
    </message>
    <message>
        <source>Publish for this many seconds (and stop at --count if it is given).</source>
        <translation>发布这么多秒（若给出 --count，达到该数量时也停止）。</translation>
    </message>
    <message>
        <source>Messages per second per publisher; 0 publishes as fast as --window lets (default 0).</source>
        <translation>每个发布者每秒的消息数；0 表示在 --window 允许的范围内尽快发布（默认 0）。</translation>
    </message>
    <message>
        <source>Payload bytes, at least 24: sequence number, time stamp, publisher and run (default 64).</source>
        <translation>负载字节数，至少 24：序号、时间戳、发布者和运行标识（默认 64）。</translation>
    </message>
    <message>
        <source>QoS 1/2 messages in flight at once per publisher (default 20).</source>
        <translation>每个发布者同时在途的 QoS 1/2 消息数（默认 20）。</translation>
    </message>
    <message>
        <source>Without --rate: messages sent that not every subscriber has received yet, shared out between the publishers (default 1000).</source>
        <translation>不指定 --rate 时：已发出但尚未被所有订阅者收到的消息数上限，由各发布者分摊（默认 1000）。</translation>
    </message>
    <message>
        <source>Topic pattern of the publishers: %i is the publisher&apos;s number (from 1), %c its client id (default bench/%i).</source>
        <translation>发布者的主题模式：%i 为发布者编号（从 1 开始），%c 为其客户端 ID（默认 bench/%i）。</translation>
    </message>
    <message>
        <source>Topic filter of the subscribers (default: the topic pattern up to its first level with %i or %c, then #; bench/# for bench/%i).</source>
        <translation>订阅者的主题过滤器（默认：主题模式中第一个含 %i 或 %c 的层级之前的部分，再加 #；bench/%i 对应 bench/#）。</translation>
    </message>
    <message>
        <source>Print the summary as one JSON object (latency in milliseconds: p50, p90, p99, p999, max; lost, duplicates, rates, connections).</source>
        <translation>以一个 JSON 对象打印汇总（延迟以毫秒计：p50、p90、p99、p999、max；丢失、重复、速率、连接）。</translation>
    </message>
    <message>
        <source>--count 0 needs --duration</source>
        <translation>--count 0 需要 --duration</translation>
    </message>
    <message>
        <source>invalid topic &apos;%1&apos;: %2</source>
        <translation>无效的主题 &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>invalid topic filter &apos;%1&apos;: %2</source>
        <translation>无效的主题过滤器 &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>the filter &apos;%1&apos; does not match the first publisher&apos;s topic &apos;%2&apos;: the subscribers would receive nothing</source>
        <translation>过滤器 &apos;%1&apos; 不匹配第一个发布者的主题 &apos;%2&apos;：订阅者将收不到任何消息</translation>
    </message>
    <message>
        <source>Load-tests a broker: --publishers connections publish --count messages each (or for --duration seconds, at --rate per second or as fast as the broker takes them) to the --topic pattern, and --subscribers connections receive every one of them. Prints a live line every second on standard error, then the latency from publish to receive (p50, p90, p99, p99.9, max), the rates in and out, the connection set-up rate, and the messages lost or duplicated; with --json as one JSON object.</source>
        <translation>对服务器进行负载测试：--publishers 个连接各自向 --topic 模式发布 --count 条消息（或持续 --duration 秒，按每秒 --rate 条或以服务器能接受的最快速度），--subscribers 个连接接收其中的每一条。每秒在标准错误上打印一行实时进度，最后打印从发布到接收的延迟（p50、p90、p99、p99.9、max）、收发速率、连接建立速率以及丢失或重复的消息；使用 --json 时以一个 JSON 对象输出。</translation>
    </message>
    <message>
        <source>the topic pattern &apos;%1&apos; has a wildcard (%2): a topic name cannot</source>
        <translation>主题模式 &apos;%1&apos; 含有通配符（%2）：主题名不能含通配符</translation>
    </message>
    <message>
        <source>the topic pattern &apos;%1&apos; has a % that is not %i (the publisher&apos;s index), %c (its client id) or %% (a percent sign)</source>
        <translation>主题模式 &apos;%1&apos; 中有一个 % 不是 %i（发布者编号）、%c（其客户端 ID）或 %%（百分号）</translation>
    </message>
    <message>
        <source>bench: %1 s  connecting %2/%3</source>
        <translation>bench：%1 秒  正在连接 %2/%3</translation>
    </message>
    <message>
        <source>bench: %1 s  %2  out %3 msg/s  in %4 msg/s  latency p50 %5 ms  p99 %6 ms  missing %7  duplicates %8</source>
        <translation>bench：%1 秒  %2  发出 %3 条/秒  收到 %4 条/秒  延迟 p50 %5 毫秒  p99 %6 毫秒  缺失 %7  重复 %8</translation>
    </message>
    <message>
        <source>draining</source>
        <translation>等待剩余消息</translation>
    </message>
    <message>
        <source>publishing</source>
        <translation>正在发布</translation>
    </message>
    <message>
        <source>switchboard-cli bench: %1 publishers, %2 subscribers, QoS %3, %4 B payload, %5</source>
        <translation>switchboard-cli bench：%1 个发布者，%2 个订阅者，QoS %3，%4 字节负载，%5</translation>
    </message>
    <message>
        <source>%1 msg/s per publisher</source>
        <translation>每个发布者 %1 条/秒</translation>
    </message>
    <message>
        <source>unlimited rate</source>
        <translation>不限速率</translation>
    </message>
    <message>
        <source>connections  %1 of %2 in %3 s: %4 per second; set-up p50 %5 ms, p99 %6 ms</source>
        <translation>连接        %3 秒内建立 %1 个（共 %2 个）：每秒 %4 个；建立耗时 p50 %5 毫秒，p99 %6 毫秒</translation>
    </message>
    <message>
        <source>out          %1 messages in %2 s: %3 msg/s</source>
        <translation>发出        %2 秒内 %1 条消息：%3 条/秒</translation>
    </message>
    <message>
        <source>in           %1 of %2 messages in %3 s: %4 msg/s</source>
        <translation>收到        %3 秒内 %1 条消息（应收 %2 条）：%4 条/秒</translation>
    </message>
    <message>
        <source>latency      p50 %1 ms  p90 %2 ms  p99 %3 ms  p99.9 %4 ms  max %5 ms</source>
        <translation>延迟        p50 %1 毫秒  p90 %2 毫秒  p99 %3 毫秒  p99.9 %4 毫秒  最大 %5 毫秒</translation>
    </message>
    <message>
        <source> (%1 of %2 subscribers; the most, %3, at subscriber %4)</source>
        <translation>（%2 个订阅者中的 %1 个；最多的是第 %4 个订阅者，%3 条）</translation>
    </message>
    <message>
        <source>lost         %1%2</source>
        <translation>丢失        %1%2</translation>
    </message>
    <message>
        <source>duplicates   %1%2</source>
        <translation>重复        %1%2</translation>
    </message>
    <message>
        <source>ignored      %1 malformed, %2 from another run on the same topics</source>
        <translation>忽略        %1 条格式错误，%2 条来自同一主题上的另一次运行</translation>
    </message>
    <message>
        <source>client CPU   %1 s (%2 s per 100,000 messages received)</source>
        <translation>客户端 CPU  %1 秒（每收到 100,000 条消息 %2 秒）</translation>
    </message>
    <message>
        <source>raised the open-file limit from %1 to the hard limit, %2</source>
        <translation>已将打开文件数上限从 %1 提高到硬上限 %2</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>无限制</translation>
    </message>
    <message>
        <source>%1 connections need about %2 open files, but this process may open at most %3 (the hard limit of &apos;ulimit -n&apos;): raise the hard limit (as root: ulimit -Hn, or LimitNOFILE= for a service) or run fewer connections on this machine</source>
        <translation>%1 个连接大约需要 %2 个打开的文件，但本进程最多只能打开 %3 个（&apos;ulimit -n&apos; 的硬上限）：请提高硬上限（以 root 身份：ulimit -Hn，服务则用 LimitNOFILE=），或在本机上运行更少的连接</translation>
    </message>
    <message>
        <source>subscriber %1 (%2)</source>
        <translation>订阅者 %1（%2）</translation>
    </message>
    <message>
        <source>publisher %1 (%2)</source>
        <translation>发布者 %1（%2）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the broker refused the subscription to %1</source>
        <translation>服务器拒绝了对 %1 的订阅</translation>
    </message>
    <message>
        <source>no message arrived for %1 s; %2 are missing</source>
        <translation>%1 秒内没有收到消息；缺失 %2 条</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Switchboard: a desktop MQTT client.</source>
        <translation>Switchboard：桌面 MQTT 客户端。</translation>
    </message>
    <message>
        <source>Broker host name.</source>
        <translation>服务器主机名。</translation>
    </message>
    <message>
        <source>host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Broker port (1-65535).</source>
        <translation>服务器端口（1-65535）。</translation>
    </message>
    <message>
        <source>port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Subscribe to a topic filter once connected (repeatable).</source>
        <translation>连接后订阅主题过滤器（可重复）。</translation>
    </message>
    <message>
        <source>filter</source>
        <translation>过滤器</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Connect as soon as the window opens.</source>
        <translation>窗口打开后立即连接。</translation>
    </message>
    <message>
        <source>No saved profile named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的已保存配置。</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535.</source>
        <translation>端口必须是 1 到 65535 之间的数字。</translation>
    </message>
    <message>
        <source>switchboard-cli: unknown command &apos;%1&apos;</source>
        <translation>switchboard-cli：未知命令 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Print the names of the saved connection profiles, one per line, and exit.</source>
        <translation>每行打印一个已保存连接配置的名称，然后退出。</translation>
    </message>
    <message>
        <source>Open a connection with a saved profile (repeatable: one connection each).</source>
        <translation>用已保存的配置打开一个连接（可重复：每个配置一个连接）。</translation>
    </message>
    <message>
        <source>Open a capture file (switchboard-cli record, File → Record messages) for browsing, without a broker (repeatable).</source>
        <translation>打开录制文件（switchboard-cli record 或“文件 → 录制消息”生成）进行浏览，无需服务器（可重复）。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Usage: switchboard-cli &lt;command&gt; [options]

Commands:
  pub     publish messages (like mosquitto_pub)
  sub     subscribe and print messages (like mosquitto_sub)
  bench   load-test a broker: N publishers, M subscribers, latency
          percentiles, rates, losses and duplicates (--publishers,
          --subscribers, --connect-rate, --rate, --duration, --json)
  record  record messages to a capture file
  replay  publish a capture file&apos;s messages again
  run     run a JavaScript test script (connect, publish, expect,
          test); exit code: the number of failures (--junit FILE)

Run &apos;switchboard-cli &lt;command&gt; --help&apos; for its options.</source>
        <translation>用法：switchboard-cli &lt;命令&gt; [选项]

命令：
  pub     发布消息（类似 mosquitto_pub）
  sub     订阅并打印消息（类似 mosquitto_sub）
  bench   对服务器进行负载测试：N 个发布者、M 个订阅者、延迟百分位数、
          速率、丢失与重复（--publishers、--subscribers、--connect-rate、
          --rate、--duration、--json）
  record  将消息录制到录制文件
  replay  重新发布录制文件中的消息
  run     运行 JavaScript 测试脚本（connect、publish、expect、test）；
          退出码：失败的数量（--junit FILE）

运行 &apos;switchboard-cli &lt;命令&gt; --help&apos; 查看其选项。</translation>
    </message>
</context>
</TS>
