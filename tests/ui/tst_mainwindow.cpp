#include "appsettings.h"
#include "theme.h"
#include "translations.h"
#include "views/mainwindow.h"
#include "widgets/configeditor.h"
#include "widgets/findbar.h"

#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
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

    void darkAndLightPalettes()
    {
        Theme::apply(AppSettings::Theme::Dark);
        QVERIFY(Theme::isDark());
        Theme::apply(AppSettings::Theme::Light);
        QVERIFY(!Theme::isDark());
        Theme::apply(AppSettings::Theme::System);
    }

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
