// The desktop app end to end, as a user tries the FGW article: open the demo, Run, send real
// requests with curl, watch the request log and endpoint health; stop the 8082 backend and see
// it turn unhealthy and traffic move to 8081; restart it and see it recover. Real sockets, the
// real engine in its worker threads, free ports only.
#include "config/configloader.h"
#include "controllers/enginesession.h"
#include "models/endpointhealthmodel.h"
#include "models/requestlogmodel.h"
#include "views/healthview.h"
#include "views/mainwindow.h"
#include "views/requestlogview.h"
#include "views/routetesterview.h"
#include "widgets/configeditor.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Gatehouse;
using namespace Gatehouse::Ui;
using namespace Qt::StringLiterals;

namespace {
// One request on a fresh connection, as `curl http://127.0.0.1:PORT/` does.
QByteArray curl(int port, const QByteArray &path = "/")
{
    QProcess p;
    p.start(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("--max-time"), QStringLiteral("5"),
                                     QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(QString::fromUtf8(path))});
    if (!p.waitForFinished(10000))
        return {};
    return p.readAllStandardOutput();
}

QString endpointState(const EndpointHealthModel *model, const QString &endpoint)
{
    for (int s = 0; s < model->rowCount(); ++s) {
        const QModelIndex svc = model->index(s, 0);
        for (int e = 0; e < model->rowCount(svc); ++e) {
            if (model->index(e, EndpointHealthModel::NameColumn, svc).data().toString().endsWith(endpoint))
                return model->index(e, EndpointHealthModel::StateColumn, svc).data().toString();
        }
    }
    return {};
}
} // namespace

class TestEndToEnd : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
            QSKIP("curl is not installed (.ci/deps installs it)");
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    }

    void articleDemoInTheRealWindow()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openDemo(MainWindow::DemoPorts::AlwaysFree));
        QVERIFY(window.engine()->isRunning());

        const auto loaded = Core::ConfigLoader::load(window.editor()->utf8Text());
        QVERIFY(loaded.config);
        const int proxyPort = loaded.config->listeners.at(0).port;
        const int staticPort = loaded.config->listeners.at(1).port;
        QString echoEndpoint, helloEndpoint;
        for (const Core::Endpoint &e : loaded.config->services.at(0).endpoints)
            (helloEndpoint.isEmpty() && e.address != loaded.config->services.at(0).endpoints.at(0).address ? helloEndpoint : echoEndpoint) = e.address;
        QVERIFY(proxyPort != 8000); // the test never takes the article's fixed ports

        // Round robin over both backends, one fresh connection per request.
        QSet<QByteArray> answers;
        for (int i = 0; i < 10; ++i)
            answers.insert(curl(proxyPort));
        QVERIFY2(answers.contains("Hello, there"), answers.values().join('|').constData());
        QVERIFY(std::any_of(answers.cbegin(), answers.cend(), [](const QByteArray &a) { return a.startsWith("You are requesting"); }));
        QVERIFY(curl(staticPort).contains("<h1>hello</h1>"));

        // The requests show up in the log, with their endpoints; both endpoints turn healthy.
        RequestLogModel *log = window.requestLog()->model();
        QTRY_VERIFY_WITH_TIMEOUT(log->rowCount() >= 11, 5000);
        QSet<QString> endpoints;
        for (int r = 0; r < log->rowCount(); ++r)
            endpoints.insert(log->text(log->row(r), RequestLogModel::EndpointColumn));
        QVERIFY(endpoints.contains(echoEndpoint) && endpoints.contains(helloEndpoint));
        EndpointHealthModel *health = window.health()->model();
        QTRY_COMPARE_WITH_TIMEOUT(endpointState(health, echoEndpoint), QStringLiteral("healthy"), 8000);
        QTRY_COMPARE_WITH_TIMEOUT(endpointState(health, helloEndpoint), QStringLiteral("healthy"), 8000);

        // The route tester explains with the running config and sends the request for real.
        RouteTesterView *tester = window.routeTester();
        tester->setRequest(QStringLiteral("GET"), QStringLiteral("http://localhost:%1/hi").arg(proxyPort),
                           QStringLiteral("Cookie: _srv_id=nothing"));
        QVERIFY(tester->explain());
        QVERIFY2(tester->outcome()->text().contains(u"Proxied to backendService1"_qs), qPrintable(tester->outcome()->text()));
        QSignalSpy shown(tester, &RouteTesterView::responseShown);
        tester->send();
        QVERIFY(shown.wait(10000));
        QVERIFY2(tester->response()->toPlainText().startsWith(u"HTTP 200"_qs), qPrintable(tester->response()->toPlainText()));

        // Stop the "Hello, there" backend: it turns unhealthy and every answer comes from the other.
        window.engine()->setDemoBackendRunning(1, false);
        QTRY_COMPARE_WITH_TIMEOUT(endpointState(health, helloEndpoint), QStringLiteral("unhealthy"), 15000);
        for (int i = 0; i < 6; ++i)
            QVERIFY(curl(proxyPort).startsWith("You are requesting"));

        // Restart it: it recovers within a probe interval or two, and gets traffic again.
        window.engine()->setDemoBackendRunning(1, true);
        QTRY_COMPARE_WITH_TIMEOUT(endpointState(health, helloEndpoint), QStringLiteral("healthy"), 15000);
        bool hello = false;
        for (int i = 0; i < 6 && !hello; ++i)
            hello = curl(proxyPort) == "Hello, there";
        QVERIFY(hello);

        window.stopEngine();
        QVERIFY(!window.engine()->isRunning());
        window.editor()->setModified(false);
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestEndToEnd)
#include "tst_endtoend.moc"
