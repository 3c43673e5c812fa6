// `gatehouse-proxy check`: output format, summary, exit codes, and the command line around it,
// plus `run` refusing a busy port; exercised on the built binary.
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runProxy(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral(GATEHOUSE_PROXY_BINARY), arguments);
    Run r;
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

const QByteArray s_clean = R"({
  "Listeners": [{"Protocol": "HTTP", "Port": 8080}],
  "RouteRules": {"8080": {"*": {"Matches": [{"BackendService": {"svc": {"Weight": 1}}}]}}},
  "Services": {"svc": {"Endpoints": {"127.0.0.1:9000": {"Weight": 1}}}},
  "Chains": {"HTTPRoute": ["http/codec.js", "http/route.js", "http/service.js", "http/forward.js", "http/default.js"]}
}
)";

} // namespace

class TestCheckCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        write(u"clean.json"_s, s_clean);
        QByteArray warnings = s_clean;
        warnings.replace("{\"Weight\": 1}}}}", "{\"weight\": 1}}}}");
        write(u"warnings.json"_s, warnings);
        QByteArray errors = s_clean;
        errors.replace("\"Port\": 8080}]", "\"Port\": 70000}]");
        write(u"errors.json"_s, errors);
        write(u"syntax.json"_s, "{\n  \"Listeners\": [,]\n}\n");
    }

    void cleanFileExitsZero()
    {
        const Run r = runProxy({u"check"_s, path(u"clean.json"_s)});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, u"1 file checked: 0 errors, 0 warnings\n"_s);
    }

    void warningsExitOne()
    {
        const QString file = path(u"warnings.json"_s);
        const Run r = runProxy({u"check"_s, file});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, file
                            + u":4:57: warning: Unknown key \"weight\" in an endpoint: FGW ignores "
                              "it. Did you mean \"Weight\"? [unknown-key]\n"_s);
        QCOMPARE(r.err, u"1 file checked: 0 errors, 1 warning\n"_s);
    }

    void errorsExitTwo()
    {
        const QString file = path(u"errors.json"_s);
        const Run r = runProxy({u"check"_s, file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.startsWith(file
                                  + u":2:46: error: 70000 is not a port number (1 to 65535). "
                                    "[port-range]\n"),
                 qPrintable(r.out));
    }

    void syntaxErrorHasExactPosition()
    {
        const QString file = path(u"syntax.json"_s);
        const Run r = runProxy({u"check"_s, file});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, file + u":2:17: error: Unexpected ',': expected a value [json-syntax]\n"_s);
    }

    void everyLineHasTheCompilerShape()
    {
        const Run r = runProxy({u"check"_s, path(u"errors.json"_s), path(u"warnings.json"_s)});
        QCOMPARE(r.exitCode, 2);
        static const QRegularExpression shape(
            u"^.+:\\d+:\\d+: (error|warning): .+ \\[[a-z0-9-]+\\]$"_s);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 2);
        for (const QString &line : lines)
            QVERIFY2(shape.match(line).hasMatch(), qPrintable(line));
        QVERIFY(r.err.startsWith(u"2 files checked: "_s));
    }

    void unreadableFileExitsTwoAndOthersAreStillChecked()
    {
        const QString missing = path(u"does-not-exist.json"_s);
        const Run r = runProxy({u"check"_s, missing, path(u"warnings.json"_s)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.startsWith(missing + u": error: cannot read the file: "), qPrintable(r.out));
        QVERIFY(r.out.contains(u"[unknown-key]"));
        QCOMPARE(r.err, u"2 files checked: 1 error, 1 warning\n"_s);
    }

    void standardInput()
    {
        QProcess p;
        p.start(QStringLiteral(GATEHOUSE_PROXY_BINARY), {u"check"_s, u"-"_s});
        QVERIFY(p.waitForStarted());
        p.write("{\n  \"Listeners\": 1\n}\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QCOMPARE(
            QString::fromUtf8(p.readAllStandardOutput()),
            u"<stdin>:2:16: error: \"Listeners\" must be an array, not a number. [wrong-type]\n"_s);
    }

    void commandLine()
    {
        const Run version = runProxy({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out, u"gatehouse-proxy " GATEHOUSE_VERSION "\n"_s);

        const Run help = runProxy({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(u"check"));
        QVERIFY(help.out.contains(u"Usage: "));

        const Run checkHelp = runProxy({u"check"_s, u"--help"_s});
        QCOMPARE(checkHelp.exitCode, 0);
        QVERIFY(checkHelp.out.contains(u"FILE [FILE...]"));

        const Run none = runProxy({});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.err.contains(u"No command given."));

        const Run unknown = runProxy({u"frobnicate"_s});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(u"Unknown command \"frobnicate\""));

        const Run noFile = runProxy({u"check"_s});
        QCOMPARE(noFile.exitCode, 2);
        QVERIFY(noFile.err.contains(u"no file given"));
    }

    void runRefusesABusyPortAndPrintsEveryListener()
    {
        // `run` is a server: it refuses to start with a listener that cannot bind, but names
        // the state of every listener, not only the first failure.
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::AnyIPv4, 0));
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::AnyIPv4, 0));
        const quint16 free = probe.serverPort();
        probe.close();
        const quint16 busy = squatter.serverPort();
        QByteArray config = s_clean;
        config.replace("[{\"Protocol\": \"HTTP\", \"Port\": 8080}]",
                       QByteArray("[{\"Protocol\": \"HTTP\", \"Port\": " + QByteArray::number(free)
                                  + "}, {\"Protocol\": \"HTTP\", \"Port\": " + QByteArray::number(busy) + "}]"));
        config.replace("\"8080\": {\"*\"", QByteArray("\"" + QByteArray::number(free) + "\": {\"*\""));
        write(u"busy.json"_s, config);
        const Run r = runProxy({u"run"_s, path(u"busy.json"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"listener: HTTP %1 0.0.0.0:%1 could bind (not started)"_s.arg(free)),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(u"listener: HTTP %1 0.0.0.0:%1 FAILED: port %1 is in use"_s.arg(busy)),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(u"cannot start: listener %1"_s.arg(busy)), qPrintable(r.err));
    }

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    void write(const QString &name, const QByteArray &text)
    {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(text), text.size());
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCheckCommand)
#include "tst_checkcommand.moc"
