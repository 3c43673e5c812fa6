// From the request log to the config: a row's detail pane shows the captured heads, and
// "reveal rule" selects the Match that handled the request in the editor, or says the text
// changed instead of jumping to a wrong place. The real window, engine and demo backends.
#include "config/jsondocument.h"
#include "controllers/enginesession.h"
#include "models/requestlogfiltermodel.h"
#include "models/requestlogmodel.h"
#include "views/mainwindow.h"
#include "views/requestlogview.h"
#include "widgets/configeditor.h"

#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace Gatehouse;
using namespace Gatehouse::Ui;

namespace {
QByteArray curl(int port, const QString &path, const QString &header)
{
    QProcess p;
    p.start(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("--max-time"), QStringLiteral("5"),
                                     QStringLiteral("-H"), header,
                                     QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)});
    if (!p.waitForFinished(10000))
        return {};
    return p.readAllStandardOutput();
}

// The row whose path is `path`, newest first; -1 when none.
int rowFor(const RequestLogModel *log, const QByteArray &path)
{
    for (int r = log->rowCount() - 1; r >= 0; --r) {
        if (log->row(r).path == path)
            return r;
    }
    return -1;
}

// Byte offset of the listener's first Match in a config text, found independently of the
// engine: RouteRules.<port>.*.Matches[0].
quint32 matchOffset(const QByteArray &text, int port)
{
    const auto doc = Core::JsonDocument::parse(text).document;
    return doc->root()
        .member(QLatin1StringView("RouteRules"))
        .member(QLatin1StringView(QByteArray::number(port)))
        .member(QLatin1StringView("*"))
        .member(QLatin1StringView("Matches"))
        .at(0)
        .offset();
}
} // namespace

class TestRequestReveal : public QObject
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

    void detailPaneAndRevealRule()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openDemo(MainWindow::DemoPorts::AlwaysFree));
        const QByteArray text = window.editor()->utf8Text();
        const auto doc = Core::JsonDocument::parse(text).document;
        QVERIFY(doc);
        const Core::JsonValue listeners = doc->root().member(QLatin1StringView("Listeners"));
        const int proxyPort = int(listeners.at(0).member(QLatin1StringView("Port")).toInt64());
        const int staticPort = int(listeners.at(1).member(QLatin1StringView("Port")).toInt64());

        QVERIFY(!curl(proxyPort, QStringLiteral("/reveal-me"), QStringLiteral("X-Reveal: yes please")).isEmpty());
        QVERIFY(!curl(staticPort, QStringLiteral("/"), QStringLiteral("X-Static: 1")).isEmpty());
        RequestLogView *view = window.requestLog();
        RequestLogModel *log = view->model();
        QTRY_VERIFY_WITH_TIMEOUT(rowFor(log, "/reveal-me") >= 0 && rowFor(log, "/") >= 0, 5000);
        const int proxied = rowFor(log, "/reveal-me");
        const int served = rowFor(log, "/");

        // The detail pane shows both heads of the selected row.
        view->table()->setCurrentIndex(view->filterModel()->mapFromSource(log->index(proxied, 0)));
        const QString detail = view->detailPane()->toPlainText();
        QVERIFY2(detail.contains(QStringLiteral("GET /reveal-me HTTP/1.1")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("X-Reveal: yes please")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("HTTP/1.1 200 OK")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("Set-Cookie: _srv_id=")), qPrintable(detail)); // added by the proxy
        QVERIFY(log->row(proxied).detail);

        // Reveal selects the Match object that took each request.
        QVERIFY(view->revealRow(proxied));
        int fromLine, fromIndex, toLine, toIndex;
        window.editor()->getSelection(&fromLine, &fromIndex, &toLine, &toIndex);
        QVERIFY(window.editor()->hasSelectedText());
        QCOMPARE(quint32(window.editor()->positionFromLineIndex(fromLine, fromIndex)), matchOffset(text, proxyPort));
        QString selected = window.editor()->selectedText();
        QVERIFY2(selected.startsWith(u'{') && selected.endsWith(u'}') && selected.contains(QStringLiteral("backendService1")),
                 qPrintable(selected));
        QVERIFY(view->revealRow(served));
        selected = window.editor()->selectedText();
        QVERIFY2(selected.contains(QStringLiteral("\"ServerRoot\"")) && !selected.contains(QStringLiteral("backendService1")),
                 qPrintable(selected));
        window.editor()->getSelection(&fromLine, &fromIndex, &toLine, &toIndex);
        QCOMPARE(quint32(window.editor()->positionFromLineIndex(fromLine, fromIndex)), matchOffset(text, staticPort));

        // Once the text changed, it says so and does not move.
        window.editor()->setSelection(0, 0, 0, 0);
        window.editor()->insertAt(QStringLiteral("\n"), 0, 0);
        QVERIFY(view->revealRow(proxied)); // asked; the window declines
        QVERIFY(!window.revealRule(log->row(proxied).routeOffset, log->row(proxied).configGeneration));
        QVERIFY(!window.editor()->hasSelectedText());
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("changed")),
                 qPrintable(window.statusBar()->currentMessage()));
        window.engine()->stop();
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestRequestReveal)
#include "tst_requestreveal.moc"
