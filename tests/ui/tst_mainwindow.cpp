#include "appsettings.h"
#include "controllers/enginesession.h"
#include "models/problemsmodel.h"
#include "theme.h"
#include "translations.h"
#include "views/mainwindow.h"
#include "widgets/configeditor.h"
#include "controllers/validationcontroller.h"
#include "widgets/findbar.h"

#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace Gatehouse::Ui;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        // Keep the user's real settings out of the test, and the test's out of them.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void opensTheArticleConfig()
    {
        MainWindow window;
        QVERIFY(window.openFile(QStringLiteral(":/examples/fgw-article.json")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.editor()->text().contains(QLatin1String("backendService1")));
        QVERIFY(window.windowTitle().startsWith(QLatin1String("fgw-article.json")));
        QVERIFY(window.currentFile().isEmpty()); // a resource is not a file the user can save to
    }

    void savesAtomicallyAndRemembersRecentFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        MainWindow window;
        window.openUntitled(QStringLiteral("Untitled"), QByteArrayLiteral("{\"Listeners\": []}\n"));
        window.editor()->append(QStringLiteral("\n"));
        QVERIFY(window.editor()->isModified());
        QVERIFY(window.saveTo(path));
        QVERIFY(!window.editor()->isModified());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArrayLiteral("{\"Listeners\": []}\n\n"));
        QCOMPARE(window.currentFile(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(AppSettings::recentFiles().value(0), QFileInfo(path).absoluteFilePath());

        MainWindow second;
        QVERIFY(second.openFile(path));
        QCOMPARE(second.editor()->utf8Text(), QByteArrayLiteral("{\"Listeners\": []}\n\n"));
    }

    void saveToAnUnwritablePlaceKeepsTheDocumentModified()
    {
        MainWindow window;
        window.openUntitled(QStringLiteral("Untitled"), QByteArrayLiteral("{}"));
        window.editor()->append(QStringLiteral(" "));
        // The message box would block: close it as soon as it shows.
        QTimer::singleShot(0, this, [] {
            if (QWidget *box = QApplication::activeModalWidget())
                box->close();
        });
        QTimer closer;
        connect(&closer, &QTimer::timeout, this, [] {
            if (QWidget *box = QApplication::activeModalWidget())
                box->close();
        });
        closer.start(50);
        QVERIFY(!window.saveTo(QStringLiteral("/nonexistent-dir/config.json")));
        QVERIFY(window.editor()->isModified());
    }

    void findAndReplaceAll()
    {
        MainWindow window;
        window.openFile(QStringLiteral(":/examples/fgw-article.json"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findBar()->activate(true);
        auto *find = window.findBar()->findChildren<QLineEdit *>().value(0);
        auto *replace = window.findBar()->findChildren<QLineEdit *>().value(1);
        QVERIFY(find && replace);
        find->setText(QStringLiteral("\"Weight\": 100"));
        replace->setText(QStringLiteral("\"Weight\": 50"));
        QVERIFY(window.findBar()->findNext());
        QCOMPARE(window.findBar()->replaceAll(), 3);
        QCOMPARE(window.editor()->text().count(QLatin1String("\"Weight\": 50")), 3);
        QVERIFY(window.editor()->isModified());
        window.editor()->undo(); // one undo step for the whole replacement
        QCOMPARE(window.editor()->text().count(QLatin1String("\"Weight\": 100")), 3);
        window.editor()->setModified(false);
    }

    void switchesLanguageLive()
    {
        MainWindow window;
        Translations::apply(QStringLiteral("zh_CN"));
        QTRY_COMPARE(window.menuBar()->actions().value(0)->text(), QString::fromUtf8("文件(&F)"));
        Translations::apply(QStringLiteral("en"));
        QTRY_COMPARE(window.menuBar()->actions().value(0)->text(), QStringLiteral("&File"));
    }

    void englishPluralForms()
    {
        // The source strings say "%n error(s)"; English shows real singular and plural forms.
        const char *ctx = "Gatehouse::Ui::MainWindow";
        for (const QString &language : {QStringLiteral("en"), QStringLiteral("fr")}) {
            Translations::apply(language);
            QCOMPARE(QCoreApplication::translate(ctx, "%n error(s)", nullptr, 1), QStringLiteral("1 error"));
            QCOMPARE(QCoreApplication::translate(ctx, "%n error(s)", nullptr, 2), QStringLiteral("2 errors"));
            QCOMPARE(QCoreApplication::translate(ctx, "%n warning(s)", nullptr, 0), QStringLiteral("0 warnings"));
        }
        // What the user sees: the status bar's problem summary.
        Translations::apply(QStringLiteral("en"));
        MainWindow window;
        window.openUntitled(QStringLiteral("t"), QByteArrayLiteral("{\n  \"Listeners\": [{\"Protocol\": \"HTTP\", \"Port\": 70000}]\n}\n"));
        window.validation()->validateNow();
        // Two errors: the port range and the missing HTTPRoute chain.
        QTRY_COMPARE(window.problems()->errorCount(), 2);
        QTRY_VERIFY2(statusLabel(window, QStringLiteral("2 errors, 0 warnings")), qPrintable(statusTexts(window)));
        // Chinese keeps its own translation.
        Translations::apply(QStringLiteral("zh_CN"));
        QVERIFY(!QCoreApplication::translate(ctx, "%n error(s)", nullptr, 2).contains(QLatin1String("errors")));
        Translations::apply(QStringLiteral("en"));
    }

    void runStartsWhatBindsAndShowsTheRest()
    {
        // A real socket holds the second listener's port.
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::AnyIPv4, 0));
        const quint16 busy = squatter.serverPort();
        const quint16 free = EngineSession::freePort();
        const quint16 echo = EngineSession::freePort();
        const quint16 hello = EngineSession::freePort();
        MainWindow window;
        QVERIFY(window.engine()->startDemoBackends(echo, hello).isEmpty());
        window.openUntitled(QStringLiteral("t"), config(free, busy, echo));
        QVERIFY(window.runConfig());
        QVERIFY(window.engine()->isRunning());
        // The listener indicator and the Problems panel name the busy port.
        auto *indicator = window.findChild<QLabel *>(QStringLiteral("ListenerStatus"));
        QVERIFY(indicator && !indicator->isHidden());
        QCOMPARE(indicator->text(), QStringLiteral("1 listener not listening"));
        QVERIFY(indicator->toolTip().contains(QStringLiteral("port %1 is in use").arg(busy)));
        const QList<Gatehouse::Core::Diagnostic> problems = window.problems()->engineProblems();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems[0].code, QStringLiteral("listener-bind"));
        QVERIFY(problems[0].message.contains(QStringLiteral("port %1 is in use").arg(busy)));
        QVERIFY(problems[0].position.line > 1); // points at the listener in the config
        // The other listener serves.
        QVERIFY(get(free).startsWith("You are requesting"));

        // Apply to the running engine is all-or-nothing: refused (the message box says why) and
        // the running config keeps serving.
        window.openUntitled(QStringLiteral("t"), config(free, busy, hello));
        QTimer closer;
        QString boxText;
        connect(&closer, &QTimer::timeout, this, [&boxText] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                boxText = box->text();
                box->close();
            }
        });
        closer.start(20);
        QVERIFY(!window.runConfig());
        closer.stop();
        QVERIFY2(boxText.contains(QStringLiteral("port %1 is in use").arg(busy)), qPrintable(boxText));
        QVERIFY(get(free).startsWith("You are requesting"));

        window.stopEngine();
        QVERIFY(indicator->isHidden());
        QVERIFY(window.problems()->engineProblems().isEmpty());
    }

    void darkAndLightPalettes()
    {
        Theme::apply(AppSettings::Theme::Dark);
        QVERIFY(Theme::isDark());
        Theme::apply(AppSettings::Theme::Light);
        QVERIFY(!Theme::isDark());
        Theme::apply(AppSettings::Theme::System);
    }

private:
    static bool statusLabel(MainWindow &window, const QString &prefix)
    {
        for (QLabel *l : window.statusBar()->findChildren<QLabel *>()) {
            if (l->text().startsWith(prefix))
                return true;
        }
        return false;
    }
    static QString statusTexts(MainWindow &window)
    {
        QStringList texts;
        for (QLabel *l : window.statusBar()->findChildren<QLabel *>())
            texts << l->text();
        return texts.join(QStringLiteral(" | "));
    }
    static QByteArray config(quint16 port, quint16 busy, quint16 backend)
    {
        return QStringLiteral("{\n  \"Listeners\": [\n    {\"Protocol\": \"HTTP\", \"Port\": %1},\n"
                              "    {\"Protocol\": \"HTTP\", \"Port\": %2}\n  ],\n"
                              "  \"RouteRules\": {\"%1\": {\"*\": {\"Matches\": [{\"BackendService\": {\"svc\": {\"Weight\": 1}}}]}},\n"
                              "    \"%2\": {\"*\": {\"Matches\": [{\"BackendService\": {\"svc\": {\"Weight\": 1}}}]}}},\n"
                              "  \"Services\": {\"svc\": {\"Endpoints\": {\"127.0.0.1:%3\": {\"Weight\": 1}}}},\n"
                              "  \"Chains\": {\"HTTPRoute\": [\"http/codec.js\", \"http/route.js\", \"http/service.js\", \"http/forward.js\", \"http/default.js\"]}\n}\n")
            .arg(port)
            .arg(busy)
            .arg(backend)
            .toUtf8();
    }
    // A real request; the engine and the demo backends run on their own threads.
    static QByteArray get(quint16 port)
    {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        if (!s.waitForConnected(3000))
            return {};
        s.write("GET /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        QByteArray all;
        while (s.waitForReadyRead(3000))
            all += s.readAll();
        all += s.readAll();
        const qsizetype body = all.indexOf("\r\n\r\n");
        return body < 0 ? QByteArray() : all.mid(body + 4);
    }

    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
