#pragma once

#include <QObject>

class QTcpServer;

namespace Gatehouse::Core {

class EngineController;

// The admin endpoint of `gatehouse-proxy run --admin-port P`: GET /metrics (Prometheus text
// format) and GET /healthz ("ok" while the engine runs). Tiny and off the data path, so plain
// QTcpServer/QTcpSocket are the right tools here.
//
// Lives in: the controller's thread.
class AdminServer : public QObject
{
    Q_OBJECT
public:
    explicit AdminServer(EngineController *engine, QObject *parent = nullptr);
    // Returns an error text, empty on success. port 0 picks a free port (see port()).
    QString listen(quint16 port);
    quint16 port() const;

private:
    void onNewConnection();
    EngineController *m_engine;
    QTcpServer *m_server;
};

} // namespace Gatehouse::Core
