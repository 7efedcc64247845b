<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BrokerDashboard</name>
    <message numerus="yes">
        <source>This broker publishes no $SYS topics: nothing came within %Ln second(s) of subscribing to $SYS/#.
mosquitto publishes them every sys_interval seconds (10 by default, 0 turns them off); EMQX every minute, to clients on its own host by default.</source>
        <translation>
            <numerusform>This broker publishes no $SYS topics: nothing came within %Ln second of subscribing to $SYS/#.
mosquitto publishes them every sys_interval seconds (10 by default, 0 turns them off); EMQX every minute, to clients on its own host by default.</numerusform>
            <numerusform>This broker publishes no $SYS topics: nothing came within %Ln seconds of subscribing to $SYS/#.
mosquitto publishes them every sys_interval seconds (10 by default, 0 turns them off); EMQX every minute, to clients on its own host by default.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Capture::Replayer</name>
    <message numerus="yes">
        <source>%Ln message(s) refused, the last: %1</source>
        <translation>
            <numerusform>%Ln message refused, the last: %1</numerusform>
            <numerusform>%Ln messages refused, the last: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChartSeriesModel</name>
    <message numerus="yes">
        <source>%Ln message(s) gave no number; the last: %1</source>
        <translation>
            <numerusform>%Ln message gave no number; the last: %1</numerusform>
            <numerusform>%Ln messages gave no number; the last: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClearRetainedDialog</name>
    <message numerus="yes">
        <source>%Ln topic(s) %1 hold a retained message that this window knows of. Clearing publishes an empty retained message to each; the broker then forgets it. Nothing has been sent yet.</source>
        <translation>
            <numerusform>%Ln topic %1 holds a retained message that this window knows of. Clearing publishes an empty retained message to it; the broker then forgets it. Nothing has been sent yet.</numerusform>
            <numerusform>%Ln topics %1 hold a retained message that this window knows of. Clearing publishes an empty retained message to each; the broker then forgets it. Nothing has been sent yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear %Ln retained message(s)</source>
        <translation>
            <numerusform>Clear %Ln retained message</numerusform>
            <numerusform>Clear %Ln retained messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionModel</name>
    <message numerus="yes">
        <source>Script (%Ln line(s))</source>
        <translation>
            <numerusform>Script (%Ln line)</numerusform>
            <numerusform>Script (%Ln lines)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionsPane</name>
    <message numerus="yes">
        <source>Sends %Ln byte(s) to %1: %2</source>
        <translation>
            <numerusform>Sends %Ln byte to %1: %2</numerusform>
            <numerusform>Sends %Ln bytes to %1: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Runs in the Script console (%Ln line(s)); env() reads the active environment</source>
        <translation>
            <numerusform>Runs in the Script console (%Ln line); env() reads the active environment</numerusform>
            <numerusform>Runs in the Script console (%Ln lines); env() reads the active environment</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionPane</name>
    <message numerus="yes">
        <source>Could not connect to %1 (%Ln attempt(s)); next try in %2 s. Cancel stops trying.</source>
        <translation>
            <numerusform>Could not connect to %1 (%Ln attempt); next try in %2 s. Cancel stops trying.</numerusform>
            <numerusform>Could not connect to %1 (%Ln attempts); next try in %2 s. Cancel stops trying.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Payloads: %Ln decoding rule(s)</source>
        <translation>
            <numerusform>Payloads: %Ln decoding rule</numerusform>
            <numerusform>Payloads: %Ln decoding rules</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionWorkspace</name>
    <message numerus="yes">
        <source>Connection lost %1 — reconnected %2, %Ln subscription(s) restored</source>
        <translation>
            <numerusform>Connection lost %1 — reconnected %2, %Ln subscription restored</numerusform>
            <numerusform>Connection lost %1 — reconnected %2, %Ln subscriptions restored</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message numerus="yes">
        <source>%Ln change(s)</source>
        <translation>
            <numerusform>%Ln change</numerusform>
            <numerusform>%Ln changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⋯ %Ln unchanged line(s)</source>
        <translation>
            <numerusform>⋯ %Ln unchanged line</numerusform>
            <numerusform>⋯ %Ln unchanged lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) removed</source>
        <translation>
            <numerusform>%Ln line removed</numerusform>
            <numerusform>%Ln lines removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) added</source>
        <translation>
            <numerusform>%Ln line added</numerusform>
            <numerusform>%Ln lines added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⋯ %Ln more row(s)</source>
        <translation>
            <numerusform>⋯ %Ln more row</numerusform>
            <numerusform>⋯ %Ln more rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s) differ</source>
        <translation>
            <numerusform>%Ln byte differs</numerusform>
            <numerusform>%Ln bytes differ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in more than %Ln range(s)</source>
        <translation>
            <numerusform>in more than %Ln range</numerusform>
            <numerusform>in more than %Ln ranges</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %Ln range(s)</source>
        <translation>
            <numerusform>in %Ln range</numerusform>
            <numerusform>in %Ln ranges</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Log: %Ln message(s), %1</source>
        <translation>
            <numerusform>Log: %Ln message, %1</numerusform>
            <numerusform>Log: %Ln messages, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln queued</source>
        <translation>
            <numerusform>%Ln queued</numerusform>
            <numerusform>%Ln queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cleared %Ln retained message(s)</source>
        <translation>
            <numerusform>Cleared %Ln retained message</numerusform>
            <numerusform>Cleared %Ln retained messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cleared %Ln retained message(s) at and below &quot;%1&quot;</source>
        <translation>
            <numerusform>Cleared %Ln retained message at and below &quot;%1&quot;</numerusform>
            <numerusform>Cleared %Ln retained messages at and below &quot;%1&quot;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %Ln retained message(s) on the broker</source>
        <translation>
            <numerusform>Found %Ln retained message on the broker</numerusform>
            <numerusform>Found %Ln retained messages on the broker</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %Ln retained message(s) at and below &quot;%1&quot;</source>
        <translation>
            <numerusform>Found %Ln retained message at and below &quot;%1&quot;</numerusform>
            <numerusform>Found %Ln retained messages at and below &quot;%1&quot;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Each of the %Ln open connections keeps at most %1 in its log</source>
        <translation>
            <numerusform>The %Ln open connection keeps at most %1 in its log</numerusform>
            <numerusform>Each of the %Ln open connections keeps at most %1 in its log</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageLogPane</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PacketInspectorPane</name>
    <message numerus="yes">
        <source>%Ln packet(s) shown</source>
        <translation>
            <numerusform>%Ln packet shown</numerusform>
            <numerusform>%Ln packets shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Payload</name>
    <message numerus="yes">
        <source>%Ln field(s) not declared in %1</source>
        <translation>
            <numerusform>%Ln field not declared in %1</numerusform>
            <numerusform>%Ln fields not declared in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishPane</name>
    <message numerus="yes">
        <source>Queued for %1 at %2: not connected, it is sent once the connection is up (%Ln message(s) waiting)</source>
        <translation>
            <numerusform>Queued for %1 at %2: not connected, it is sent once the connection is up (%Ln message waiting)</numerusform>
            <numerusform>Queued for %1 at %2: not connected, it is sent once the connection is up (%Ln messages waiting)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s) as %1</source>
        <translation>
            <numerusform>%Ln byte as %1</numerusform>
            <numerusform>%Ln bytes as %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more byte(s)</source>
        <translation>
            <numerusform>… and %Ln more byte</numerusform>
            <numerusform>… and %Ln more bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordingController</name>
    <message numerus="yes">
        <source>Recorded %Ln message(s) to %1</source>
        <translation>
            <numerusform>Recorded %Ln message to %1</numerusform>
            <numerusform>Recorded %Ln messages to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● Recording %1: %Ln message(s)</source>
        <translation>
            <numerusform>● Recording %1: %Ln message</numerusform>
            <numerusform>● Recording %1: %Ln messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplayDialog</name>
    <message numerus="yes">
        <source>%Ln message(s) published</source>
        <translation>
            <numerusform>%Ln message published</numerusform>
            <numerusform>%Ln messages published</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TopTalkersModel</name>
    <message numerus="yes">
        <source>%Ln message(s) and %1 in the last %2 s: %3 of the messages, %4 of the bytes</source>
        <translation>
            <numerusform>%Ln message and %1 in the last %2 s: %3 of the messages, %4 of the bytes</numerusform>
            <numerusform>%Ln messages and %1 in the last %2 s: %3 of the messages, %4 of the bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TopTalkersPane</name>
    <message numerus="yes">
        <source>In all: %1 messages/s, %2/s; %Ln topic(s) tracked</source>
        <translation>
            <numerusform>In all: %1 messages/s, %2/s; %Ln topic tracked</numerusform>
            <numerusform>In all: %1 messages/s, %2/s; %Ln topics tracked</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TopicDetailPane</name>
    <message numerus="yes">
        <source>%1 here and below, in %Ln topic(s)</source>
        <translation>
            <numerusform>%1 here and below, in %Ln topic</numerusform>
            <numerusform>%1 here and below, in %Ln topics</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln topic(s) below hold one</source>
        <translation>
            <numerusform>%Ln topic below holds one</numerusform>
            <numerusform>%Ln topics below hold one</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TopicTreePane</name>
    <message numerus="yes">
        <source>%Ln topic(s) match the filter</source>
        <translation>
            <numerusform>%Ln topic matches the filter</numerusform>
            <numerusform>%Ln topics match the filter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln topic(s) contain the text</source>
        <translation>
            <numerusform>%Ln topic contains the text</numerusform>
            <numerusform>%Ln topics contain the text</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>List the %Ln topic(s) known to hold a retained message, then clear them</source>
        <translation>
            <numerusform>List the %Ln topic known to hold a retained message, then clear them</numerusform>
            <numerusform>List the %Ln topics known to hold a retained message, then clear them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>List the %Ln topic(s) at and below &quot;%1&quot; known to hold a retained message, then clear them</source>
        <translation>
            <numerusform>List the %Ln topic at and below &quot;%1&quot; known to hold a retained message, then clear them</numerusform>
            <numerusform>List the %Ln topics at and below &quot;%1&quot; known to hold a retained message, then clear them</numerusform>
        </translation>
    </message>
</context>
</TS>
