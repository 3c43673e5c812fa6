// The editor validates as the user types: diagnostics reach the Problems list and the editor
// at the right lines, quick-fixes apply, legacy keys migrate.
#include "controllers/validationcontroller.h"
#include "models/outlinemodel.h"
#include "models/problemsmodel.h"
#include "views/mainwindow.h"
#include "widgets/configeditor.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace Gatehouse;
using namespace Gatehouse::Ui;

namespace {
QByteArray readResource(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool hasCode(const ProblemsModel *model, const QString &code, int line = -1)
{
    for (const Core::Diagnostic &d : model->diagnostics()) {
        if (d.code == code && (line < 0 || d.position.line == line))
            return true;
    }
    return false;
}
} // namespace

class TestDiagnostics : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void syntaxErrorShowsAtItsLine()
    {
        MainWindow window;
        QAbstractItemModelTester tester(window.problems(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.openUntitled(QStringLiteral("t"), QByteArrayLiteral("{\n  \"Listeners\": [\n    {\"Port\": 80,}\n  ]\n}\n"));
        QTRY_VERIFY(window.problems()->errorCount() > 0);
        const Core::Diagnostic &d = window.problems()->diagnostics().constFirst();
        QCOMPARE(d.code, QStringLiteral("json-syntax"));
        QCOMPARE(d.position.line, 3);
        QCOMPARE(window.editor()->diagnostics().size(), window.problems()->rowCount());
        // Line numbers stay in margin 0; the error's marker sits in margin 1 at line 3.
        ConfigEditor *editor = window.editor();
        QCOMPARE(editor->SendScintilla(QsciScintillaBase::SCI_GETMARGINTYPEN, 0), long(QsciScintillaBase::SC_MARGIN_NUMBER));
        QVERIFY(editor->SendScintilla(QsciScintillaBase::SCI_GETMARGINWIDTHN, 0) > 0);
        QVERIFY(editor->SendScintilla(QsciScintillaBase::SCI_GETMARGINMASKN, 1) & editor->markersAtLine(2));
        QVERIFY(editor->SendScintilla(QsciScintillaBase::SCI_ANNOTATIONGETLINES, 2) >= 1);
        // Fix it by typing: the error goes away after the debounce.
        window.editor()->setText(QStringLiteral("{\n  \"Listeners\": []\n}\n"));
        QTRY_VERIFY(!hasCode(window.problems(), QStringLiteral("json-syntax")));
    }

    void articleConfigWarnsAboutLegacyHealthCheckAndMigrates()
    {
        MainWindow window;
        QAbstractItemModelTester tester(window.problems(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.openUntitled(QStringLiteral("article"), readResource(QStringLiteral(":/examples/fgw-article.json")));
        QTRY_VERIFY(hasCode(window.problems(), QStringLiteral("legacy-key")));
        QCOMPARE(window.problems()->errorCount(), 0);
        QVERIFY(window.migrateLegacyKeys() > 0);
        QVERIFY(window.editor()->utf8Text().contains("\"Path\""));
        QVERIFY(window.editor()->utf8Text().contains("StatusCodes"));
        QTRY_VERIFY(!window.validation()->isPending());
        QVERIFY(!hasCode(window.problems(), QStringLiteral("legacy-key")));
        // One undo step brings the article's text back.
        window.editor()->undo();
        QCOMPARE(window.editor()->utf8Text(), readResource(QStringLiteral(":/examples/fgw-article.json")));
        window.editor()->setModified(false);
    }

    void quickFixFromADiagnostic()
    {
        MainWindow window;
        // "Weigth" is a typo FGW would silently ignore; the fix renames it.
        window.openUntitled(QStringLiteral("t"), QByteArrayLiteral(
            "{\"Services\": {\"s\": {\"Endpoints\": {\"127.0.0.1:1\": {\"Weigth\": 5}}}}}"));
        QTRY_VERIFY(hasCode(window.problems(), QStringLiteral("unknown-key")));
        const Core::Diagnostic *typo = nullptr;
        for (const Core::Diagnostic &d : window.problems()->diagnostics()) {
            if (d.code == QLatin1String("unknown-key") && !d.fixes.isEmpty())
                typo = &d;
        }
        QVERIFY(typo);
        QVERIFY(window.editor()->applyEdits(typo->fixes.constFirst().edits));
        QVERIFY(window.editor()->utf8Text().contains("\"Weight\": 5"));
        window.editor()->setModified(false);
    }

    void outlineFollowsTheCursorAndTheOtherWayRound()
    {
        MainWindow window;
        window.show(); // Scintilla reports cursor moves when it updates its UI
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAbstractItemModelTester tester(window.outline(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QByteArray article = readResource(QStringLiteral(":/examples/fgw-article.json"));
        window.openUntitled(QStringLiteral("article"), article);
        QTRY_VERIFY(window.outline()->rowCount() == 2); // Listeners, Services
        // Listeners > :8000 > * > #1 Prefix / > backendService1
        const QModelIndex listeners = window.outline()->index(0, 0);
        QCOMPARE(window.outline()->rowCount(listeners), 2);
        const QModelIndex l8000 = window.outline()->index(0, 0, listeners);
        QCOMPARE(l8000.data().toString(), QStringLiteral(":8000"));
        const QModelIndex host = window.outline()->index(0, 0, l8000);
        QCOMPARE(host.data().toString(), QStringLiteral("*"));
        const QModelIndex match = window.outline()->index(0, 0, host);
        QVERIFY(match.data().toString().contains(QLatin1String("Prefix /")));
        QCOMPARE(window.outline()->index(0, 0, match).data().toString(), QStringLiteral("backendService1"));
        // Services > backendService1 with its badges and two endpoints
        const QModelIndex services = window.outline()->index(1, 0);
        const QModelIndex svc = window.outline()->index(0, 0, services);
        QCOMPARE(svc.data().toString(), QStringLiteral("backendService1"));
        const QString badges = window.outline()->index(0, 1, services).data().toString();
        QVERIFY2(badges.contains(QLatin1String("sticky _srv_id")), qPrintable(badges));
        QVERIFY2(badges.contains(QLatin1String("health GET /")), qPrintable(badges));
        QCOMPARE(window.outline()->rowCount(svc), 2);
        const QModelIndex endpoint = window.outline()->index(1, 0, svc);
        QCOMPARE(endpoint.data().toString(), QStringLiteral("127.0.0.1:8082"));

        // Selecting the endpoint moves the editor there...
        window.outlineView()->setCurrentIndex(endpoint);
        const quint32 offset = window.editor()->cursorOffset();
        QCOMPARE(article.mid(offset, 16), QByteArray("\"127.0.0.1:8082\""));
        // ...and moving the cursor selects the node under it.
        const quint32 weightOffset = quint32(article.indexOf("\"Weight\"", article.indexOf("127.0.0.1:8081")));
        window.editor()->goToOffset(weightOffset);
        QTRY_COMPARE(window.outlineView()->currentIndex().data().toString(), QStringLiteral("127.0.0.1:8081"));
    }

    void completionInsertsKeysAndServiceNames()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openUntitled(QStringLiteral("t"), readResource(QStringLiteral(":/examples/fgw-article.json")));
        QTRY_VERIFY(window.outline()->rowCount() == 2); // names are known once it has loaded
        ConfigEditor *editor = window.editor();
        // Type a new key inside backendService1's object: '"' opens the list by itself.
        const QByteArray text = editor->utf8Text();
        const quint32 insertAt = quint32(text.indexOf("\"StickyCookieName\""));
        editor->goToOffset(insertAt);
        editor->insert(QStringLiteral("\"Algo"));
        editor->goToOffset(insertAt + 5);
        QVERIFY(editor->showCompletions() >= 1);
        QVERIFY(editor->isListActive());
        QVERIFY(editor->acceptCompletion(QStringLiteral("Algorithm")));
        QVERIFY(editor->utf8Text().contains("\"Algorithm\": \"\"\"StickyCookieName\""));
        // The caret sits inside the value's quotes: propose the enum values there.
        QVERIFY(editor->showCompletions() >= 3);
        QVERIFY(editor->acceptCompletion(QStringLiteral("LeastConnectionLoadBalancer")));
        QVERIFY(editor->utf8Text().contains("\"Algorithm\": \"LeastConnectionLoadBalancer\""));
        editor->setModified(false);
    }

    void staleResultsAreDropped()
    {
        ValidationController controller;
        QByteArray text = "{";
        controller.setSource([&text] { return text; });
        QSignalSpy spy(&controller, &ValidationController::validated);
        controller.validateNow();
        text = "{}";
        controller.textChanged(); // the first result is now stale
        QTRY_COMPARE(spy.count(), 1);
        QVERIFY(controller.lastResult().document);
        QVERIFY(!controller.lastResult().hasErrors() || controller.lastResult().document->text() == "{}");
        QCOMPARE(controller.lastResult().document->text(), QByteArray("{}"));
    }

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestDiagnostics)
#include "tst_diagnostics.moc"
