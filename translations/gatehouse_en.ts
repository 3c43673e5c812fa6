<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Gatehouse::Core::AccessLogWriter</name>
    <message numerus="yes">
        <source>access log %1: writing again (%n line(s) lost)</source>
        <translation>
            <numerusform>access log %1: writing again (%n line lost)</numerusform><numerusform>access log %1: writing again (%n lines lost)</numerusform></translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::CheckCommand</name>
    <message numerus="yes">
        <source>%n file(s) checked: </source>
        <translation>
            <numerusform>%n file checked: </numerusform>
            <numerusform>%n files checked: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s), </source>
        <translation>
            <numerusform>%n error, </numerusform>
            <numerusform>%n errors, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::ConfigCompleter</name>
    <message numerus="yes">
        <source>service, %n endpoint(s)</source>
        <translation>
            <numerusform>service, %n endpoint</numerusform>
            <numerusform>service, %n endpoints</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::ConfigLoader</name>
    <message numerus="yes">
        <source> (and %n other service(s))</source>
        <translation>
            <numerusform> (and %n other service)</numerusform>
            <numerusform> (and %n other services)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (the same holds for %n other service(s))</source>
        <translation>
            <numerusform> (the same holds for %n other service)</numerusform>
            <numerusform> (the same holds for %n other services)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::JsonSchemaValidator</name>
    <message numerus="yes">
        <source>Must be at least %n character(s) long</source>
        <translation>
            <numerusform>Must be at least %n character long</numerusform>
            <numerusform>Must be at least %n characters long</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Must be at most %n character(s) long</source>
        <translation>
            <numerusform>Must be at most %n character long</numerusform>
            <numerusform>Must be at most %n characters long</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Needs at least %n element(s)</source>
        <translation>
            <numerusform>Needs at least %n element</numerusform>
            <numerusform>Needs at least %n elements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Allows at most %n element(s)</source>
        <translation>
            <numerusform>Allows at most %n element</numerusform>
            <numerusform>Allows at most %n elements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::RepoCommand</name>
    <message numerus="yes">
        <source>pulled version %1 from %2 (%n file(s))</source>
        <translation>
            <numerusform>pulled version %1 from %2 (%n file)</numerusform>
            <numerusform>pulled version %1 from %2 (%n files)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::RouteExplainer</name>
    <message numerus="yes">
        <source>%1 (%n usable endpoint(s))</source>
        <translation>
            <numerusform>%1 (%n usable endpoint)</numerusform>
            <numerusform>%1 (%n usable endpoints)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::FindBar</name>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>%n replaced</numerusform>
            <numerusform>%n replaced</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::MainWindow</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The config has %n error(s); it was not applied and the running config keeps serving.</source>
        <translation>
            <numerusform>The config has %n error; it was not applied and the running config keeps serving.</numerusform>
            <numerusform>The config has %n errors; it was not applied and the running config keeps serving.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The config has %n error(s); fix them to run it.</source>
        <translation>
            <numerusform>The config has %n error; fix them to run it.</numerusform>
            <numerusform>The config has %n errors; fix them to run it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Engine started, but %n listener(s) could not listen: %1</source>
        <translation>
            <numerusform>Engine started, but %n listener could not listen: %1</numerusform>
            <numerusform>Engine started, but %n listeners could not listen: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n listener(s) not listening</source>
        <translation>
            <numerusform>%n listener not listening</numerusform>
            <numerusform>%n listeners not listening</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Migrated %n legacy key(s).</source>
        <translation>
            <numerusform>Migrated %n legacy key.</numerusform>
            <numerusform>Migrated %n legacy keys.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::OutlineModel</name>
    <message numerus="yes">
        <source>%n listener(s)</source>
        <translation>
            <numerusform>%n listener</numerusform>
            <numerusform>%n listeners</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n filter(s)</source>
        <translation>
            <numerusform>%n filter</numerusform>
            <numerusform>%n filters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::PublishDialog</name>
    <message numerus="yes">
        <source>The config has %n error(s); it cannot be published.</source>
        <translation>
            <numerusform>The config has %n error; it cannot be published.</numerusform><numerusform>The config has %n errors; it cannot be published.</numerusform></translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::RequestLogView</name>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>%n shown</numerusform>
            <numerusform>%n shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n older dropped</source>
        <translation>
            <numerusform>%n older dropped</numerusform>
            <numerusform>%n older dropped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not captured while paused</source>
        <translation>
            <numerusform>%n not captured while paused</numerusform>
            <numerusform>%n not captured while paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not recorded (the log fell behind)</source>
        <translation>
            <numerusform>%n not recorded (the log fell behind)</numerusform>
            <numerusform>%n not recorded (the log fell behind)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gatehouse-proxy</name>
    <message numerus="yes">
        <source>engine running with %n worker thread(s)</source>
        <translation>
            <numerusform>engine running with %n worker thread</numerusform>
            <numerusform>engine running with %n worker threads</numerusform>
        </translation>
    </message>
</context>
</TS>
