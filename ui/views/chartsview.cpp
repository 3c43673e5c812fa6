#include "chartsview.h"

#include "models/requestrow.h"
#include "models/stringpool.h"
#include "theme.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

ChartsView::ChartsView(QWidget *parent)
    : QWidget(parent)
    , m_service(new QComboBox(this))
    , m_requests(new QLineSeries(this))
    , m_errors(new QLineSeries(this))
    , m_p50(new QLineSeries(this))
    , m_p95(new QLineSeries(this))
{
    m_rateChart = makeChart({m_requests}, &m_rateTime, &m_rateValue);
    m_errorChart = makeChart({m_errors}, &m_errorTime, &m_errorValue);
    m_latencyChart = makeChart({m_p50, m_p95}, &m_latencyTime, &m_latencyValue);
    m_errors->setColor(QColor(0xd7, 0x1f, 0x1f));
    m_p95->setColor(QColor(0xc7, 0x7c, 0x00));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Traffic of:"), this));
    top->addWidget(m_service);
    top->addStretch(1);
    auto *charts = new QHBoxLayout;
    for (QChart *chart : {m_rateChart, m_errorChart, m_latencyChart}) {
        auto *view = new QChartView(chart, this);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(220, 160);
        charts->addWidget(view);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addLayout(charts, 1);

    m_service->addItem(QString(), QString());
    connect(m_service, &QComboBox::currentIndexChanged, this,
            [this] { refresh(QDateTime::currentSecsSinceEpoch()); });
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh(QDateTime::currentSecsSinceEpoch());
    });
    timer->start(1000);
    retranslateUi();
}

QChart *ChartsView::makeChart(const std::vector<QLineSeries *> &series, QDateTimeAxis **timeAxis, QValueAxis **valueAxis)
{
    auto *chart = new QChart;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setTheme(Theme::isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    *timeAxis = new QDateTimeAxis(chart);
    (*timeAxis)->setFormat(QStringLiteral("HH:mm"));
    (*timeAxis)->setTickCount(4);
    *valueAxis = new QValueAxis(chart);
    (*valueAxis)->setLabelFormat(QStringLiteral("%.0f"));
    (*valueAxis)->setMin(0);
    chart->addAxis(*timeAxis, Qt::AlignBottom);
    chart->addAxis(*valueAxis, Qt::AlignLeft);
    for (QLineSeries *s : series) {
        chart->addSeries(s);
        s->attachAxis(*timeAxis);
        s->attachAxis(*valueAxis);
    }
    return chart;
}

void ChartsView::retranslateUi()
{
    m_service->setItemText(0, tr("All services"));
    m_rateChart->setTitle(tr("Requests per second"));
    m_errorChart->setTitle(tr("Error rate (%)"));
    m_latencyChart->setTitle(tr("Latency (ms)"));
    m_requests->setName(tr("requests/s"));
    m_errors->setName(tr("5xx and failed, %"));
    m_p50->setName(tr("p50"));
    m_p95->setName(tr("p95"));
}

void ChartsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange) {
        for (QChart *chart : {m_rateChart, m_errorChart, m_latencyChart})
            chart->setTheme(Theme::isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        m_errors->setColor(QColor(0xd7, 0x1f, 0x1f));
        m_p95->setColor(QColor(0xc7, 0x7c, 0x00));
    }
    QWidget::changeEvent(event);
}

void ChartsView::addRows(const std::vector<RequestRow> &rows, const StringPool &pool)
{
    for (const RequestRow &r : rows)
        m_stats.add(r, pool);
    const QStringList services = m_stats.services();
    if (services.size() != m_service->count() - 1) {
        const QString current = m_service->currentData().toString();
        QSignalBlocker block(m_service);
        while (m_service->count() > 1)
            m_service->removeItem(1);
        QStringList sorted = services;
        sorted.sort();
        for (const QString &s : std::as_const(sorted))
            m_service->addItem(s, s);
        m_service->setCurrentIndex(qMax(0, m_service->findData(current)));
    }
}

void ChartsView::clear()
{
    m_stats.clear();
    refresh(QDateTime::currentSecsSinceEpoch());
}

void ChartsView::refresh(qint64 nowSecond)
{
    // The current second is still filling up; draw up to the last complete one.
    const std::vector<TrafficStats::Point> points = m_stats.series(m_service->currentData().toString(), nowSecond - 1);
    QList<QPointF> rate, errors, p50, p95;
    double maxRate = 1, maxErrors = 1, maxLatency = 1;
    for (const TrafficStats::Point &p : points) {
        const double x = double(p.second) * 1000;
        const double errorPct = p.requests ? 100.0 * p.errors / p.requests : 0;
        rate << QPointF(x, p.requests);
        errors << QPointF(x, errorPct);
        p50 << QPointF(x, p.p50Ms);
        p95 << QPointF(x, p.p95Ms);
        maxRate = qMax(maxRate, double(p.requests));
        maxErrors = qMax(maxErrors, errorPct);
        maxLatency = qMax(maxLatency, p.p95Ms);
    }
    m_requests->replace(rate);
    m_errors->replace(errors);
    m_p50->replace(p50);
    m_p95->replace(p95);
    if (!points.empty()) {
        const QDateTime from = QDateTime::fromSecsSinceEpoch(points.front().second);
        const QDateTime to = QDateTime::fromSecsSinceEpoch(points.back().second);
        for (QDateTimeAxis *axis : {m_rateTime, m_errorTime, m_latencyTime})
            axis->setRange(from, to);
    }
    m_rateValue->setMax(maxRate * 1.15);
    m_errorValue->setMax(qMin(100.0, maxErrors * 1.15));
    m_latencyValue->setMax(maxLatency * 1.15);
}

} // namespace Gatehouse::Ui
