// The endpoint health panel's model over a real HealthTable.
#include "models/endpointhealthmodel.h"
#include "models/requestrow.h"
#include "models/stringpool.h"
#include "views/healthview.h"

#include <QAbstractItemModelTester>
#include <QTreeView>
#include <QtTest>

using namespace Gatehouse;
using namespace Gatehouse::Ui;

namespace {
std::shared_ptr<Core::HealthTable> articleTable()
{
    auto table = std::make_shared<Core::HealthTable>();
    Core::HealthCheckSpec spec;
    spec.intervalMs = 2000;
    spec.maxFails = 2;
    spec.path = "/";
    table->addService(QStringLiteral("backendService1"),
                      {QStringLiteral("127.0.0.1:8081"), QStringLiteral("127.0.0.1:8082")}, spec);
    table->addService(QStringLiteral("static"), {QStringLiteral("127.0.0.1:9000")}, Core::HealthCheckSpec{});
    return table;
}
} // namespace

class TestEndpointHealth : public QObject
{
    Q_OBJECT
private slots:
    void showsStatesReasonsFailuresWeightsAndShares()
    {
        EndpointHealthModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto table = articleTable();
        model.setTable(table, {200, 100, 0});
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex svc = model.index(0, 0);
        QCOMPARE(svc.data().toString(), QStringLiteral("backendService1"));
        QCOMPARE(model.rowCount(svc), 2);
        QCOMPARE(model.index(1, EndpointHealthModel::NameColumn, svc).data().toString(), QStringLiteral("127.0.0.1:8082"));
        QCOMPARE(model.index(0, EndpointHealthModel::StateColumn, svc).data().toString(), QStringLiteral("not checked"));
        QCOMPARE(model.index(0, EndpointHealthModel::WeightColumn, svc).data().toString(), QStringLiteral("200 (67%)"));
        QCOMPARE(model.index(0, EndpointHealthModel::WeightColumn, model.index(1, 0)).data().toString(), QStringLiteral("0 (backup)"));

        // A good probe on 8081, two refused probes on 8082 (MaxFails 2).
        table->reportProbe(0, Core::ProbeResult{Core::HealthReason::Ok, 200, 1500});
        table->reportProbe(1, Core::ProbeResult{Core::HealthReason::Refused, 0, -1});
        model.refresh();
        QCOMPARE(model.index(1, EndpointHealthModel::FailuresColumn, svc).data().toString(), QStringLiteral("1/2"));
        table->reportProbe(1, Core::ProbeResult{Core::HealthReason::Refused, 0, -1});
        model.refresh();
        QCOMPARE(model.index(0, EndpointHealthModel::StateColumn, svc).data().toString(), QStringLiteral("healthy"));
        QCOMPARE(model.index(0, EndpointHealthModel::LastProbeColumn, svc).data().toString(), QStringLiteral("OK (200)"));
        QCOMPARE(model.index(0, EndpointHealthModel::LatencyColumn, svc).data().toString(), QStringLiteral("1.5 ms"));
        QCOMPARE(model.index(1, EndpointHealthModel::StateColumn, svc).data().toString(), QStringLiteral("unhealthy"));
        QCOMPARE(model.index(1, EndpointHealthModel::LastProbeColumn, svc).data().toString(), QStringLiteral("connection refused"));
        QCOMPARE(model.index(1, EndpointHealthModel::FailuresColumn, svc).data().toString(), QStringLiteral("2/2"));
        QCOMPARE(svc.siblingAtColumn(EndpointHealthModel::StateColumn).data().toString(), QStringLiteral("1 of 2 usable"));

        // Served share from real traffic rows.
        StringPool pool;
        std::vector<RequestRow> rows(4);
        for (size_t i = 0; i < rows.size(); ++i) {
            rows[i].service = pool.intern(QByteArrayLiteral("backendService1"));
            rows[i].endpoint = pool.intern(i < 3 ? QByteArrayLiteral("127.0.0.1:8081") : QByteArrayLiteral("127.0.0.1:8082"));
        }
        model.addTraffic(rows, pool);
        QCOMPARE(model.index(0, EndpointHealthModel::ShareColumn, svc).data().toString(), QStringLiteral("75% (3)"));
    }

    void historyAndOperatorDisable()
    {
        EndpointHealthModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto table = articleTable();
        model.setTable(table, {100, 100, 100});
        Core::HealthTransition t;
        t.service = QStringLiteral("backendService1");
        t.endpoint = QStringLiteral("127.0.0.1:8082");
        t.from = Core::HealthState::Healthy;
        t.to = Core::HealthState::Unhealthy;
        t.atMs = QDateTime::currentMSecsSinceEpoch() - 1000;
        model.addTransition(t);
        const QModelIndex svc = model.index(0, 0);
        const QVariantList history = model.index(1, EndpointHealthModel::HistoryColumn, svc).data(EndpointHealthModel::HistoryRole).toList();
        QCOMPARE(history.size(), 2);
        QCOMPARE(int(history.at(1).toPointF().y()), int(Core::HealthState::Unhealthy));

        model.setDisabled(model.index(0, 0, svc), true);
        QVERIFY(!table->isUsable(0)); // the engine stops sending traffic there at once
        QCOMPARE(model.index(0, EndpointHealthModel::StateColumn, svc).data().toString(), QStringLiteral("disabled by operator"));
        model.setDisabled(model.index(0, 0, svc), false);
        QVERIFY(table->isUsable(0));

        // A reload keeps the history of endpoints that stay.
        model.setTable(articleTable(), {100, 100, 100});
        QCOMPARE(model.index(1, EndpointHealthModel::HistoryColumn, model.index(0, 0)).data(EndpointHealthModel::HistoryRole).toList().size(), 2);
        model.setTable(nullptr, {});
        QCOMPARE(model.rowCount(), 0);
    }

    void viewPaintsTheStrip()
    {
        HealthView view;
        view.model()->setTable(articleTable(), {100, 100, 100});
        view.resize(900, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.tree()->isExpanded(view.model()->index(0, 0)));
        const QImage image = view.grab().toImage();
        QVERIFY(!image.isNull());
    }
};

QTEST_MAIN(TestEndpointHealth)
#include "tst_endpointhealth.moc"
