#include "config/configloader.h"
#include "controllers/publishcontroller.h"
#include "dialogs/publishdialog.h"
#include "models/textdiff.h"
#include "repo/localrepo.h"
#include "repo/pipyrepoclient.h"
#include "repo/publishlog.h"
#include "repo/reposerver.h"
#include "views/mainwindow.h"
#include "widgets/configeditor.h"
#include "widgets/diffview.h"

#include <QAction>
#include <QDirIterator>
#include <QFileDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeWidget>
#include <QtTest>

#include <unistd.h>

using namespace Gatehouse;
using namespace Gatehouse::Ui;

namespace {

QByteArray article()
{
    QFile f(QStringLiteral(":/examples/fgw-article.json"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The article without its second endpoint (127.0.0.1:8082).
QByteArray withoutSecondEndpoint()
{
    QByteArray text = article();
    const QByteArray from
        = ",\n        \"127.0.0.1:8082\": {\n          \"Weight\": 100\n        }";
    const qsizetype at = text.indexOf(from);
    return at < 0 ? QByteArray() : text.replace(at, from.size(), QByteArray());
}

// The article with a third endpoint.
QByteArray withThirdEndpoint()
{
    QByteArray text = article();
    const QByteArray from = "\"127.0.0.1:8082\": {\n          \"Weight\": 100\n        }";
    const qsizetype at = text.indexOf(from);
    return at < 0
               ? QByteArray()
               : text.replace(
                   at, from.size(),
                   QByteArray(
                       from
                       + ",\n        \"127.0.0.1:8083\": {\n          \"Weight\": 0\n        }"));
}

// Every file below `dir` (hidden ones too) with its bytes: "left byte for byte as it was".
QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        files.insert(QDir(dir).relativeFilePath(path),
                     f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>"));
    }
    return files;
}

Core::ConfigBundle bundleOf(const QByteArray &text)
{
    Core::ConfigBundle b;
    b.setConfig(text);
    return b;
}

QStringList changeSentences(PublishDialog &dialog)
{
    QStringList out;
    auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("changesList"));
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        out << list->topLevelItem(i)->text(1);
    return out;
}

template<typename T>
T *child(QObject &parent, const char *name)
{
    T *w = parent.findChild<T *>(QLatin1String(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

void click(QAbstractButton *button)
{
    QTest::mouseClick(button, Qt::LeftButton);
}

void type(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

QString text(PublishDialog &dialog, const char *label)
{
    return child<QLabel>(dialog, label)->text();
}

// Chooses a local repo directory as a user would and waits for the comparison.
void chooseLocal(PublishDialog &dialog, const QString &dir)
{
    click(child<QRadioButton>(dialog, "localRadio"));
    type(child<QLineEdit>(dialog, "directoryEdit"), dir);
    click(child<QPushButton>(dialog, "compareButton"));
}

void chooseRemote(PublishDialog &dialog,
                  quint16 port,
                  const QString &codebase,
                  const QString &token)
{
    click(child<QRadioButton>(dialog, "remoteRadio"));
    type(child<QLineEdit>(dialog, "serverEdit"), QStringLiteral("http://127.0.0.1:%1").arg(port));
    type(child<QLineEdit>(dialog, "codebaseEdit"), codebase);
    type(child<QLineEdit>(dialog, "tokenEdit"), token);
    click(child<QPushButton>(dialog, "compareButton"));
}

bool comparedAt(PublishDialog &dialog, const QString &needle)
{
    return text(dialog, "statusLabel").contains(needle)
           && child<QPushButton>(dialog, "compareButton")->isEnabled();
}

// The published config of a Pipy codebase, read with the real client (blocking, test only).
QByteArray remoteConfig(quint16 port, const QString &codebase, QString *version = nullptr)
{
    Core::PipyRepoClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    client.setToken("s3cret");
    QByteArray out;
    QEventLoop loop;
    client.fetchPublished(codebase, [&](const std::optional<Core::ConfigBundle> &b,
                                        const QString &etag, const QString &) {
        if (b)
            out = b->config();
        if (version)
            *version = etag;
        loop.quit();
    });
    loop.exec();
    return out;
}

Core::PublishResult remotePublish(quint16 port, const QString &codebase, const QByteArray &text)
{
    Core::PipyRepoClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    client.setToken("s3cret");
    Core::PublishResult result;
    QEventLoop loop;
    client.publish(codebase, bundleOf(text), {}, [&](const Core::PublishResult &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    return result;
}

// Clicks "Yes" in the rollback confirmation, after checking that it names the version.
void confirmRollback(PublishDialog &dialog, const QString &version)
{
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = dialog.findChild<QMessageBox *>(QStringLiteral("rollbackConfirmation")))
                && box->isVisible());
    QVERIFY2(box->text().contains(QStringLiteral("version %1").arg(version)),
             qPrintable(box->text()));
    click(box->button(QMessageBox::Yes));
}

// Answers the next modal dialog once it shows: a file dialog with `path`, a message box with OK.
// Returns the title of what it answered through `answered`.
void answerNextModal(const QString &path, QString *answered)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, path, answered] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *files = qobject_cast<QFileDialog *>(modal)) {
            // Typed as a user would: selectFile() races with the dialog's own initial
            // selection, which it applies once its directory model has loaded.
            if (auto *name = files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit")))
                name->setText(path);
            if (files->selectedFiles() != QStringList{path})
                return;
            *answered = files->windowTitle();
            static_cast<QDialog *>(files)->accept(); // QFileDialog::accept is protected
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            *answered = box->text();
            box->accept();
        } else {
            return;
        }
        timer->deleteLater();
    });
    timer->start();
}

// The background colour the diff view gives to line `block`.
QColor lineBackground(DiffView &view, int block)
{
    const QTextBlock b = view.document()->findBlockByNumber(block);
    const auto formats = b.layout()->formats();
    return formats.isEmpty() ? QColor() : formats.constFirst().format.background().color();
}

} // namespace

class TestPublish : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        qputenv("GATEHOUSE_PUBLISH_LOG_DIR",
                m_settingsDir.filePath(QStringLiteral("log")).toUtf8());
        QVERIFY(!withoutSecondEndpoint().isEmpty());
        QVERIFY(!withThirdEndpoint().isEmpty());
        QVERIFY(!Core::ConfigLoader::load(article()).hasErrors());
    }

    void textDiffIsUnified()
    {
        const auto d = TextDiff::unified("a\nb\nc\nd\n", "a\nc\nd\ne\n", QStringLiteral("old"),
                                         QStringLiteral("new"), 1);
        QCOMPARE(d.unified,
                 QStringLiteral("--- old\n+++ new\n@@ -1,4 +1,4 @@\n a\n-b\n c\n d\n+e\n"));
        QCOMPARE(d.added, 1);
        QCOMPARE(d.removed, 1);
        QVERIFY(TextDiff::unified("same\n", "same\n", {}, {}).unified.isEmpty());
        const auto fresh
            = TextDiff::unified({}, "x\ny\n", QStringLiteral("a"), QStringLiteral("b"));
        QCOMPARE(fresh.unified, QStringLiteral("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n"));
    }

    void diffColoursSuitTheLightAndTheDarkPalette()
    {
        DiffView view;
        const QString diff
            = TextDiff::unified("a\nb\n", "a\nc\n", QStringLiteral("x"), QStringLiteral("y"))
                  .unified;
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(30, 30, 30));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        view.setPalette(light);
        view.setDiff(diff);
        QCOMPARE(view.toPlainText(), QStringLiteral("--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"));
        const QColor removedLight = lineBackground(view, 4);
        const QColor addedLight = lineBackground(view, 5);
        QVERIFY(addedLight.isValid() && removedLight.isValid());
        QVERIFY(addedLight.green() > addedLight.red());
        QVERIFY(removedLight.red() > removedLight.green());
        QVERIFY(addedLight.lightness() > 160);       // black text stays readable
        QVERIFY(!lineBackground(view, 3).isValid()); // context lines keep the base colour
        view.setPalette(dark);
        QTRY_VERIFY(lineBackground(view, 5).lightness() < 100); // light text stays readable
        QVERIFY(lineBackground(view, 5).green() > lineBackground(view, 5).red());
        QVERIFY(lineBackground(view, 4).red() > lineBackground(view, 4).green());
        view.setPlainContent(QStringLiteral("+not a diff"));
        QVERIFY(!lineBackground(view, 0).isValid());
    }

    void exportsConfigPrettyOrCompact()
    {
        QTemporaryDir tmp;
        MainWindow window;
        QByteArray text = article();
        window.openUntitled(QStringLiteral("Untitled"), text);
        QAction *pretty = nullptr;
        QAction *compact = nullptr;
        for (QAction *a : window.findChildren<QAction *>()) {
            if (a->text() == QStringLiteral("&Pretty (indented)..."))
                pretty = a;
            else if (a->text() == QStringLiteral("&Compact (one line)..."))
                compact = a;
        }
        QVERIFY(pretty && compact);
        QString answered;
        const QString prettyPath = tmp.filePath(QStringLiteral("pretty.json"));
        answerNextModal(prettyPath, &answered);
        pretty->trigger();
        QCOMPARE(answered, QStringLiteral("Export config.json"));
        const QString compactPath = tmp.filePath(QStringLiteral("compact.json"));
        answerNextModal(compactPath, &answered);
        compact->trigger();
        QFile p(prettyPath), c(compactPath);
        QVERIFY(p.open(QIODevice::ReadOnly) && c.open(QIODevice::ReadOnly));
        const QByteArray prettyBytes = p.readAll(), compactBytes = c.readAll();
        QCOMPARE(QJsonDocument::fromJson(prettyBytes), QJsonDocument::fromJson(article()));
        QCOMPARE(QJsonDocument::fromJson(compactBytes), QJsonDocument::fromJson(article()));
        QVERIFY(prettyBytes.count('\n') > 20);
        QVERIFY(compactBytes.trimmed().count('\n') == 0);

        // Not JSON: said so, nothing written.
        window.openUntitled(QStringLiteral("Broken"), "{\"Listeners\": [");
        const QString brokenPath = tmp.filePath(QStringLiteral("broken.json"));
        answerNextModal(brokenPath, &answered);
        pretty->trigger();
        QVERIFY2(answered.contains(QStringLiteral("Nothing was exported")), qPrintable(answered));
        QVERIFY(!QFileInfo::exists(brokenPath));
    }

    void publishesToALocalRepoAfterShowingBothDiffs()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("repo"));
        Core::LocalRepo repo(dir);
        QVERIFY(repo.publish(bundleOf(article()), QStringLiteral("first")).ok());
        const auto before = snapshot(dir);

        PublishDialog dialog(withoutSecondEndpoint(), QString());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        chooseLocal(dialog, dir);
        QTRY_VERIFY(comparedAt(dialog, QStringLiteral("publishes version 1")));
        QCOMPARE(changeSentences(dialog),
                 QStringList{
                     QStringLiteral("service backendService1: endpoint 127.0.0.1:8082 removed")});
        const QString diff = child<DiffView>(dialog, "textDiff")->toPlainText();
        QVERIFY2(diff.contains(QStringLiteral("\n-        \"127.0.0.1:8082\": {")),
                 qPrintable(diff));
        auto *publish = child<QPushButton>(dialog, "publishButton");
        QVERIFY(publish->isEnabled());
        QVERIFY(publish->isDefault());
        QCOMPARE(snapshot(dir), before); // comparing wrote nothing
        if (qEnvironmentVariableIsSet("GATEHOUSE_SCREENSHOT_DIR"))
            dialog.grab().save(qEnvironmentVariable("GATEHOUSE_SCREENSHOT_DIR")
                               + QStringLiteral("/publish-dialog.png"));

        type(child<QLineEdit>(dialog, "messageEdit"), QStringLiteral("drop 8082"));
        click(publish);
        QTRY_VERIFY2(text(dialog, "resultLabel").contains(QStringLiteral("Published version 2")),
                     qPrintable(text(dialog, "resultLabel")));
        QCOMPARE(repo.currentVersion(), 2);
        QCOMPARE(repo.load(2)->config(), withoutSecondEndpoint());
        QCOMPARE(repo.version(2)->message, QStringLiteral("drop 8082"));
        // The dialog reads the target again: it now holds exactly the editor's config.
        QTRY_VERIFY(comparedAt(dialog, QStringLiteral("publishes version 2")));
        QVERIFY(changeSentences(dialog).isEmpty());
    }

    void comparingWithANewDirectoryCreatesNothing()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("new-repo"));
        PublishDialog dialog(article(), QString());
        dialog.show();
        chooseLocal(dialog, dir);
        QTRY_VERIFY(comparedAt(dialog, QStringLiteral("publishes nothing yet")));
        QVERIFY(!QFileInfo::exists(dir));
        QVERIFY(changeSentences(dialog).contains(QStringLiteral(
            "new service backendService1 with endpoints 127.0.0.1:8081, 127.0.0.1:8082")));
        click(child<QPushButton>(dialog, "publishButton"));
        QTRY_VERIFY(text(dialog, "resultLabel").contains(QStringLiteral("Published version 1")));
        QCOMPARE(Core::LocalRepo(dir).load(1)->config(), article());
    }

    void refusesAConfigWithErrors()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("repo"));
        QVERIFY(Core::LocalRepo(dir).publish(bundleOf(article()), {}).ok());
        const auto before = snapshot(dir);
        QByteArray broken = article();
        broken.replace("\"Port\": 8000", "\"Port\": \"eight thousand\"");
        QVERIFY(Core::ConfigLoader::load(broken).hasErrors());

        PublishDialog dialog(broken, QString());
        dialog.show();
        chooseLocal(dialog, dir);
        QTRY_VERIFY(text(dialog, "statusLabel").contains(QStringLiteral("cannot be published")));
        auto *errors = child<QListWidget>(dialog, "errorsList");
        QVERIFY(errors->isVisible());
        QVERIFY(errors->count() > 0);
        QVERIFY(errors->item(0)->text().startsWith(QStringLiteral("line ")));
        auto *publish = child<QPushButton>(dialog, "publishButton");
        QVERIFY(!publish->isEnabled());
        click(publish);
        QTest::qWait(50);
        QCOMPARE(snapshot(dir), before);
        QCOMPARE(Core::LocalRepo(dir).currentVersion(), 1);
    }

    void aLocalConflictShowsTheNewDiffAndWritesNothing()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("repo"));
        Core::LocalRepo repo(dir);
        QVERIFY(repo.publish(bundleOf(article()), {}).ok());
        PublishDialog dialog(withoutSecondEndpoint(), QString());
        dialog.show();
        chooseLocal(dialog, dir);
        QTRY_VERIFY(comparedAt(dialog, QStringLiteral("publishes version 1")));

        // Someone else publishes meanwhile.
        QVERIFY(repo.publish(bundleOf(withThirdEndpoint()), QStringLiteral("other")).ok());
        const auto before = snapshot(dir);
        click(child<QPushButton>(dialog, "publishButton"));
        QTRY_VERIFY(text(dialog, "resultLabel").contains(QStringLiteral("Not published")));
        const QString result = text(dialog, "resultLabel");
        QVERIFY2(result.contains(QStringLiteral("left as it was")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("publish again")), qPrintable(result));
        QCOMPARE(snapshot(dir), before);
        // The diff is now against version 2.
        QTRY_VERIFY(comparedAt(dialog, QStringLiteral("publishes version 2")));
        QCOMPARE(changeSentences(dialog),
                 (QStringList{
                     QStringLiteral("service backendService1: endpoint 127.0.0.1:8082 removed"),
                     QStringLiteral("service backendService1: endpoint 127.0.0.1:8083 removed")}));
        click(child<QPushButton>(dialog, "publishButton"));
        QTRY_VERIFY(text(dialog, "resultLabel").contains(QStringLiteral("Published version 3")));
        QCOMPARE(repo.load(3)->config(), withoutSecondEndpoint());
    }

    void aReadOnlyLocalRepoIsLeftAsItWas()
    {
        QTemporaryDir tmp;
        QFile::setPermissions(tmp.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                              | QFile::ReadOther | QFile::ExeOther
                                              | QFile::ReadGroup | QFile::ExeGroup);
        const QString dir = tmp.filePath(QStringLiteral("repo"));
        QVERIFY(Core::LocalRepo(dir).publish(bundleOf(article()), {}).ok());
        PublishDialog dialog(withoutSecondEndpoint(), QString());
        dialog.show();
        chooseLocal(dialog, dir);
        QTRY_VERIFY(comparedAt(dialog, QStringLiteral("publishes version 1")));
        const auto before = snapshot(dir);

        const QFile::Permissions readOnly = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther
                                            | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup;
        QVERIFY(QFile::setPermissions(dir, readOnly));
        // root ignores permissions: publish as "nobody" (the effective uid of every thread).
        const bool root = geteuid() == 0;
        if (root)
            QCOMPARE(seteuid(65534), 0);
        click(child<QPushButton>(dialog, "publishButton"));
        QTRY_VERIFY(text(dialog, "resultLabel").contains(QStringLiteral("Not published")));
        if (root)
            QCOMPARE(seteuid(0), 0);
        QFile::setPermissions(dir, readOnly | QFile::WriteOwner);
        const QString result = text(dialog, "resultLabel");
        QVERIFY2(result.contains(QStringLiteral("permission denied")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("left as it was")), qPrintable(result));
        QCOMPARE(snapshot(dir), before);
    }

    void publishesToARepoServerAndRecordsHistory()
    {
        QTemporaryDir data;
        Core::RepoServer server(data.path());
        server.setToken("s3cret");
        QString error;
        QVERIFY2(server.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        const quint16 port = server.serverPort();

        {
            // A wrong token is refused when reading, and nothing can be published.
            PublishDialog dialog(article(), QString());
            dialog.show();
            chooseRemote(dialog, port, QStringLiteral("/local/fgw"), QStringLiteral("wrong"));
            QTRY_VERIFY(text(dialog, "statusLabel").contains(QStringLiteral("401")));
            QVERIFY(!child<QPushButton>(dialog, "publishButton")->isEnabled());
        }
        {
            PublishDialog dialog(article(), QString());
            dialog.show();
            chooseRemote(dialog, port, QStringLiteral("/local/fgw"), QStringLiteral("s3cret"));
            QTRY_VERIFY(comparedAt(dialog, QStringLiteral("publishes nothing yet")));
            type(child<QLineEdit>(dialog, "messageEdit"), QStringLiteral("first"));
            click(child<QPushButton>(dialog, "publishButton"));
            QTRY_VERIFY2(
                text(dialog, "resultLabel").contains(QStringLiteral("Published version 1")),
                qPrintable(text(dialog, "resultLabel")));
        }
        QCOMPARE(remoteConfig(port, QStringLiteral("/local/fgw")), article());
        {
            // The last target is remembered (token included only when asked: here it was typed
            // again) and read at once when the dialog opens.
            PublishDialog dialog(withoutSecondEndpoint(), QString());
            dialog.show();
            QTRY_VERIFY(child<QLineEdit>(dialog, "codebaseEdit")->text()
                        == QStringLiteral("/local/fgw"));
            type(child<QLineEdit>(dialog, "tokenEdit"), QStringLiteral("s3cret"));
            click(child<QPushButton>(dialog, "compareButton"));
            QTRY_VERIFY(comparedAt(dialog, QStringLiteral("publishes version 1")));
            QCOMPARE(changeSentences(dialog),
                     QStringList{QStringLiteral(
                         "service backendService1: endpoint 127.0.0.1:8082 removed")});
            click(child<QPushButton>(dialog, "publishButton"));
            QTRY_VERIFY(
                text(dialog, "resultLabel").contains(QStringLiteral("Published version 2")));

            // History: both versions from the publish log, the current one marked.
            dialog.showPage(PublishDialog::Page::History);
            auto *history = child<QTreeWidget>(dialog, "historyList");
            QTRY_COMPARE(history->topLevelItemCount(), 2);
            QCOMPARE(history->topLevelItem(0)->text(0), QStringLiteral("2 (current)"));
            QCOMPARE(history->topLevelItem(1)->text(0), QStringLiteral("1"));
            QCOMPARE(history->topLevelItem(1)->text(2), QStringLiteral("first"));
            history->setCurrentItem(history->topLevelItem(1));
            auto *rollback = child<QPushButton>(dialog, "rollbackButton");
            QTRY_VERIFY(rollback->isEnabled());
            QTRY_COMPARE(child<DiffView>(dialog, "versionText")->toPlainText().toUtf8(), article());
            click(rollback);
            confirmRollback(dialog, QStringLiteral("1"));
            QTRY_VERIFY2(
                text(dialog, "resultLabel").contains(QStringLiteral("now publishes version 3")),
                qPrintable(text(dialog, "resultLabel")));
            QTRY_COMPARE(history->topLevelItemCount(), 3);
        }
        QString version;
        QCOMPARE(remoteConfig(port, QStringLiteral("/local/fgw"), &version), article());
        QCOMPARE(version, QStringLiteral("3"));
        QCOMPARE(Core::PublishLog()
                     .entries(QStringLiteral("http://127.0.0.1:%1/repo/local/fgw/").arg(port))
                     .size(),
                 3);
    }

    void aRemoteConflictOrAnUnreachableRepoWritesNothing()
    {
        QTemporaryDir data;
        auto server = std::make_unique<Core::RepoServer>(data.path());
        server->setToken("s3cret");
        QString error;
        QVERIFY(server->listen(QHostAddress::LocalHost, 0, &error));
        const quint16 port = server->serverPort();
        QVERIFY(remotePublish(port, QStringLiteral("/team/gw"), article()).ok());

        PublishDialog dialog(withoutSecondEndpoint(), QString());
        dialog.show();
        chooseRemote(dialog, port, QStringLiteral("team/gw"), QStringLiteral("s3cret"));
        QTRY_VERIFY(comparedAt(dialog, QStringLiteral("publishes version 1")));
        QVERIFY(remotePublish(port, QStringLiteral("/team/gw"), withThirdEndpoint()).ok());
        const auto before = snapshot(data.path());
        click(child<QPushButton>(dialog, "publishButton"));
        QTRY_VERIFY(text(dialog, "resultLabel").contains(QStringLiteral("Not published")));
        QVERIFY2(text(dialog, "resultLabel").contains(QStringLiteral("not 1")),
                 qPrintable(text(dialog, "resultLabel")));
        QVERIFY(text(dialog, "resultLabel").contains(QStringLiteral("left as it was")));
        QCOMPARE(snapshot(data.path()), before);
        QTRY_VERIFY(comparedAt(dialog, QStringLiteral("publishes version 2")));
        QVERIFY(changeSentences(dialog).contains(
            QStringLiteral("service backendService1: endpoint 127.0.0.1:8083 removed")));

        // The repo goes away after the comparison.
        server.reset();
        click(child<QPushButton>(dialog, "publishButton"));
        QTRY_VERIFY2(text(dialog, "resultLabel").contains(QStringLiteral("Connection refused")),
                     qPrintable(text(dialog, "resultLabel")));
        const QString result = text(dialog, "resultLabel");
        QVERIFY(result.startsWith(QStringLiteral("Not published")));
        QVERIFY(result.contains(QStringLiteral("left as it was")));
        QCOMPARE(snapshot(data.path()), before);
    }

    void localHistoryRollsBack()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("repo"));
        Core::LocalRepo repo(dir);
        QVERIFY(repo.publish(bundleOf(article()), QStringLiteral("first")).ok());
        QVERIFY(repo.publish(bundleOf(withoutSecondEndpoint()), QStringLiteral("second")).ok());

        PublishDialog dialog(article(), QString());
        dialog.show();
        chooseLocal(dialog, dir);
        QTRY_VERIFY(comparedAt(dialog, QStringLiteral("publishes version 2")));
        dialog.showPage(PublishDialog::Page::History);
        auto *history = child<QTreeWidget>(dialog, "historyList");
        QTRY_COMPARE(history->topLevelItemCount(), 2);
        QCOMPARE(history->topLevelItem(0)->text(0), QStringLiteral("2 (current)"));
        QCOMPARE(history->topLevelItem(0)->text(2), QStringLiteral("second"));
        // The newest is selected: its diff with version 1 shows the removed endpoint.
        QTRY_VERIFY(child<DiffView>(dialog, "versionDiff")
                        ->toPlainText()
                        .contains(QStringLiteral("\n-        \"127.0.0.1:8082\": {")));
        QVERIFY(!child<QPushButton>(dialog, "rollbackButton")->isEnabled()); // it is current
        if (qEnvironmentVariableIsSet("GATEHOUSE_SCREENSHOT_DIR"))
            dialog.grab().save(qEnvironmentVariable("GATEHOUSE_SCREENSHOT_DIR")
                               + QStringLiteral("/publish-history.png"));

        history->setCurrentItem(history->topLevelItem(1));
        auto *rollback = child<QPushButton>(dialog, "rollbackButton");
        QTRY_VERIFY(rollback->isEnabled());
        // Cancel first: nothing happens.
        const auto before = snapshot(dir);
        click(rollback);
        {
            QMessageBox *box = nullptr;
            QTRY_VERIFY(
                (box = dialog.findChild<QMessageBox *>(QStringLiteral("rollbackConfirmation")))
                && box->isVisible());
            click(box->button(QMessageBox::Cancel));
        }
        QTRY_VERIFY(!dialog.findChild<QMessageBox *>(QStringLiteral("rollbackConfirmation")));
        QCOMPARE(snapshot(dir), before);

        click(rollback);
        confirmRollback(dialog, QStringLiteral("1"));
        QTRY_VERIFY2(
            text(dialog, "resultLabel").contains(QStringLiteral("now publishes version 3")),
            qPrintable(text(dialog, "resultLabel")));
        QCOMPARE(repo.currentVersion(), 3);
        QCOMPARE(repo.load(3)->config(), article());
        QTRY_COMPARE(history->topLevelItemCount(), 3);
        QCOMPARE(history->topLevelItem(0)->text(0), QStringLiteral("3 (current)"));
    }

    void opensAPublishedVersionInTheEditor()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("repo"));
        Core::LocalRepo repo(dir);
        QVERIFY(repo.publish(bundleOf(withThirdEndpoint()), QStringLiteral("first")).ok());
        QVERIFY(repo.publish(bundleOf(article()), QStringLiteral("second")).ok());

        MainWindow window;
        window.openUntitled(QStringLiteral("Untitled"), "{}\n");
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QAction *>(QStringLiteral("publishHistoryAction"))->trigger();
        PublishDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<PublishDialog *>()) && dialog->isVisible());
        chooseLocal(*dialog, dir);
        auto *history = child<QTreeWidget>(*dialog, "historyList");
        QTRY_COMPARE(history->topLevelItemCount(), 2); // read with the target on this page
        QTRY_VERIFY(comparedAt(*dialog, QStringLiteral("publishes version 2")));
        click(child<QPushButton>(*dialog, "refreshHistoryButton"));
        QTRY_COMPARE(history->topLevelItemCount(), 2);
        history->setCurrentItem(history->topLevelItem(1));
        auto *open = child<QPushButton>(*dialog, "openInEditorButton");
        QTRY_VERIFY(open->isEnabled());
        click(open);
        QTRY_COMPARE(window.editor()->utf8Text(), withThirdEndpoint());
        QVERIFY(window.windowTitle().contains(QStringLiteral("version 1")));
        QVERIFY(window.currentFile().isEmpty()); // a new, unsaved document
    }

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestPublish)
#include "tst_publish.moc"
