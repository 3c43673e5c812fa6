#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

namespace Gatehouse::Ui {

class MainWindow;

// A bench aid for tests/bench/gui_lag.sh (`gatehouse --lag-probe FILE`): a 10 ms timer on the
// GUI thread that measures how late it fires, i.e. how long the event loop was busy elsewhere.
// Writes FILE every second and when destroyed: lag p50/p99/max, and the request log's counts
// (received, not recorded, evicted) beside the engine's own response count, so the bench can
// check that every request either reached the log or was counted as lost.
//
// Lives in: the GUI thread. The window must outlive it.
class LagProbe : public QObject
{
    Q_OBJECT
public:
    LagProbe(const QString &path, MainWindow *window, QObject *parent = nullptr);
    ~LagProbe() override;

    void writeReport() const;

private:
    void tick();

    QString m_path;
    MainWindow *m_window;
    QTimer m_timer;
    QTimer m_writer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = -1;
    std::vector<qint32> m_lateUs; // one sample per tick (6,000 a minute)
};

} // namespace Gatehouse::Ui
