#include "views/mainwindow.h"
#include "widgets/configeditor.h"

#include <QtTest>

using namespace Gatehouse::Ui;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void opensTheArticleConfig()
    {
        MainWindow window;
        QVERIFY(window.openFile(QStringLiteral(":/examples/fgw-article.json")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.editor()->text().contains(QLatin1String("backendService1")));
        QVERIFY(window.windowTitle().startsWith(QLatin1String("fgw-article.json")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
