<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ConnectionPane</name>
    <message numerus="yes">
        <source>Could not connect to %1 (%Ln attempt(s)); next try in %2 s. Cancel stops trying.</source>
        <translation>
            <numerusform>Could not connect to %1 (%Ln attempt); next try in %2 s. Cancel stops trying.</numerusform>
            <numerusform>Could not connect to %1 (%Ln attempts); next try in %2 s. Cancel stops trying.</numerusform>
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
        <source>Connection lost %1 — reconnected %2, %Ln subscription(s) restored</source>
        <translation>
            <numerusform>Connection lost %1 — reconnected %2, %Ln subscription restored</numerusform>
            <numerusform>Connection lost %1 — reconnected %2, %Ln subscriptions restored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln queued</source>
        <translation>
            <numerusform>%Ln queued</numerusform>
            <numerusform>%Ln queued</numerusform>
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
    <name>PublishPane</name>
    <message numerus="yes">
        <source>Queued for %1 at %2: not connected, it is sent once the connection is up (%Ln message(s) waiting)</source>
        <translation>
            <numerusform>Queued for %1 at %2: not connected, it is sent once the connection is up (%Ln message waiting)</numerusform>
            <numerusform>Queued for %1 at %2: not connected, it is sent once the connection is up (%Ln messages waiting)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SubscriptionsPane</name>
    <message numerus="yes">
        <source>Publish an empty retained message to %Ln topic(s) at and below &quot;%1&quot;? The broker then forgets their retained messages.</source>
        <translation>
            <numerusform>Publish an empty retained message to %Ln topic at and below &quot;%1&quot;? The broker then forgets its retained message.</numerusform>
            <numerusform>Publish an empty retained message to %Ln topics at and below &quot;%1&quot;? The broker then forgets their retained messages.</numerusform>
        </translation>
    </message>
</context>
</TS>
