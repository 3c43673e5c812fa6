#pragma once

#include "models/trafficstats.h"

#include <QWidget>

#include <vector>

class QChart;
class QComboBox;
class QLineSeries;
class QValueAxis;
class QDateTimeAxis;

namespace Gatehouse::Ui {

struct RequestRow;
class StringPool;

// Requests per second, error rate and p50/p95 latency over the last minutes, for all traffic or
// one service (Qt Charts). Fed with the same row batches as the request log; redraws once a
// second. GUI thread.
class ChartsView : public QWidget
{
    Q_OBJECT
public:
    explicit ChartsView(QWidget *parent = nullptr);

    void addRows(const std::vector<RequestRow> &rows, const StringPool &pool);
    void clear();
    // Redraws the series ending at `nowSecond` (the timer passes the current time).
    void refresh(qint64 nowSecond);
    const TrafficStats &stats() const { return m_stats; }
    QLineSeries *requestsSeries() const { return m_requests; }
    QLineSeries *errorSeries() const { return m_errors; }
    QLineSeries *p50Series() const { return m_p50; }
    QLineSeries *p95Series() const { return m_p95; }
    void retranslateUi();

protected:
    void changeEvent(QEvent *event) override;

private:
    QChart *makeChart(const std::vector<QLineSeries *> &series, QDateTimeAxis **timeAxis, QValueAxis **valueAxis);

    TrafficStats m_stats;
    QComboBox *m_service;
    QLineSeries *m_requests;
    QLineSeries *m_errors;
    QLineSeries *m_p50;
    QLineSeries *m_p95;
    QChart *m_rateChart = nullptr;
    QChart *m_errorChart = nullptr;
    QChart *m_latencyChart = nullptr;
    QDateTimeAxis *m_rateTime = nullptr;
    QDateTimeAxis *m_errorTime = nullptr;
    QDateTimeAxis *m_latencyTime = nullptr;
    QValueAxis *m_rateValue = nullptr;
    QValueAxis *m_errorValue = nullptr;
    QValueAxis *m_latencyValue = nullptr;
};

} // namespace Gatehouse::Ui
