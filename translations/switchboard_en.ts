<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Log: %Ln message(s), %1</source>
        <translation>
            <numerusform>Log: %Ln message, %1</numerusform>
            <numerusform>Log: %Ln messages, %1</numerusform>
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
