#include "puller.h"

#include "config/configloader.h"
#include "localrepo.h"
#include "pipyrepoclient.h"
#include "websocketframe.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileSystemWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUuid>

#include <utility>

namespace Gatehouse::Core {

// Info (off by default) for problems: each is also reported through a signal to the owner,
// which shows it (PullRunCommand prints it).
Q_LOGGING_CATEGORY(lcPuller, "gatehouse.repo.puller", QtWarningMsg)

namespace {

using namespace Qt::StringLiterals;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::Puller)
};

// The first error of a config, as "LINE:COL: message", for logs.
QString firstError(const LoadResult &loaded)
{
    if (!loaded.config)
        return Tr::tr("config.json is not JSON");
    for (const Diagnostic &d : loaded.diagnostics) {
        if (d.severity == Severity::Error)
            return d.format(u"config.json"_s);
    }
    return Tr::tr("config.json has errors");
}

} // namespace

Puller::Puller(const RepoTarget &target, const Options &options, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_options(options)
{
    if (m_options.instanceUuid.isEmpty())
        m_options.instanceUuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (m_options.instanceName.isEmpty())
        m_options.instanceName
            = u"gatehouse-"_s + QString::number(QCoreApplication::applicationPid());
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &Puller::checkNow); // remote or local
    m_statusTimer.setInterval(m_options.pollIntervalMs);
    connect(&m_statusTimer, &QTimer::timeout, this, &Puller::reportStatus);
    if (m_target.isRemote()) {
        m_client = new PipyRepoClient(m_target.server(), this);
        m_client->setTimeout(m_options.timeoutMs);
        m_client->setToken(m_options.token);
    }
}

Puller::~Puller()
{
    if (m_current && m_currentOwnsDirectory)
        QDir(m_current->directory).removeRecursively();
}

void Puller::start()
{
    m_running = true;
    m_since = QDateTime::currentMSecsSinceEpoch();
    if (!m_target.isRemote()) {
        m_watcher = new QFileSystemWatcher(this);
        QDir().mkpath(m_target.localPath());
        m_watcher->addPath(m_target.localPath());
        connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &Puller::checkLocal);
        checkLocal();
        return;
    }
    if (m_options.cacheDirectory.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        m_cacheDir = m_tempDir->path();
    } else {
        m_cacheDir = m_options.cacheDirectory;
        QDir().mkpath(m_cacheDir);
    }
    if (m_options.reportStatus)
        m_statusTimer.start();
    download();
}

void Puller::stop()
{
    m_running = false;
    m_pollTimer.stop();
    m_statusTimer.stop();
    if (QTcpSocket *link = std::exchange(m_link, nullptr)) {
        link->disconnect(this);
        link->abort();
        link->deleteLater();
    }
}

void Puller::checkNow()
{
    if (!m_running)
        return;
    if (m_target.isRemote())
        poll();
    else
        checkLocal();
}

void Puller::report(const QString &message)
{
    qCInfo(lcPuller).noquote() << m_target.toString() << message;
    emit problem(message);
}

void Puller::scheduleNext()
{
    if (m_running)
        m_pollTimer.start(m_options.pollIntervalMs);
    emit checked();
}

void Puller::poll()
{
    if (!m_running)
        return;
    if (m_busy) {
        m_again = true;
        return;
    }
    if (m_options.adminLink && !m_link && m_current)
        openAdminLink();
    // Before the first good download there is nothing to compare: download again.
    if (m_etag.isEmpty())
        return download();
    m_busy = true;
    const QString path = m_target.manifestUrl().path(QUrl::FullyEncoded);
    m_client->send("HEAD", path, {}, [this](const PipyRepoClient::Reply &reply) {
        m_busy = false;
        if (reply.status != 200) {
            report(Tr::tr("HEAD %1: %2").arg(m_target.toString(), reply.describe()));
            return scheduleNext();
        }
        const QString etag = QString::fromUtf8(reply.header("etag"));
        if (etag != m_etag)
            return download();
        scheduleNext();
    });
}

void Puller::download()
{
    if (m_busy) {
        m_again = true;
        return;
    }
    m_busy = true;
    m_pollTimer.stop();
    m_client->fetchPublished(m_target.codebase(), [this](const std::optional<ConfigBundle> &bundle,
                                                         const QString &etag,
                                                         const QString &error) {
        m_busy = false;
        if (!bundle) {
            report(Tr::tr("download failed, keeping version %1: %2")
                       .arg(m_current ? m_current->version : Tr::tr("(none)"), error));
        } else if (!m_current || etag != m_current->version || m_etag != etag) {
            const QString dir = m_cacheDir + u'/' + QString::number(++m_sequence);
            QString writeError;
            if (!QDir().mkpath(dir) || !bundle->writeTo(dir, &writeError)) {
                report(Tr::tr("cannot store version %1: %2").arg(etag, writeError));
                QDir(dir).removeRecursively();
            } else {
                offer(etag, *bundle, dir, true);
            }
        }
        if (m_again) {
            m_again = false;
            return poll();
        }
        scheduleNext();
    });
}

void Puller::offer(const QString &version,
                   const ConfigBundle &bundle,
                   const QString &directory,
                   bool ownDirectory)
{
    const LoadResult loaded = ConfigLoader::load(bundle.config());
    QString reason;
    if (loaded.hasErrors())
        reason = firstError(loaded);
    else if (m_applier)
        reason = m_applier(Update{version, directory, bundle});
    if (!reason.isEmpty()) {
        qCInfo(lcPuller).noquote()
            << Tr::tr("version %1 rejected, keeping %2: %3")
                   .arg(version, m_current ? m_current->version : Tr::tr("(none)"), reason);
        if (ownDirectory)
            QDir(directory).removeRecursively();
        emit rejected(version, reason);
        return;
    }
    if (m_current && m_currentOwnsDirectory && m_current->directory != directory)
        QDir(m_current->directory).removeRecursively();
    m_current = Update{version, directory, bundle};
    m_currentOwnsDirectory = ownDirectory;
    m_etag = version;
    qCInfo(lcPuller).noquote()
        << Tr::tr("now running version %1 from %2").arg(version, m_target.toString());
    emit updated(version);
    if (m_target.isRemote() && m_options.reportStatus)
        reportStatus();
    // Like a Pipy worker, open the admin link once running (status first: the repo pushes
    // `reload` only to instances that reported).
    if (m_target.isRemote() && m_options.adminLink && !m_link)
        openAdminLink();
}

void Puller::checkLocal()
{
    if (!m_running)
        return;
    LocalRepo repo(m_target.localPath());
    const int number = repo.currentVersion();
    const QString version = QString::number(number);
    if (number > 0 && (!m_current || m_current->version != version)) {
        QString error;
        if (const auto bundle = repo.load(number, &error))
            offer(version, *bundle, repo.treeDirectory(number), false);
        else
            report(Tr::tr("cannot read version %1: %2").arg(version, error));
    }
    // The watcher can miss a rename on some file systems; the poll catches it.
    scheduleNext();
}

void Puller::reportStatus()
{
    if (!m_running || !m_client)
        return;
    const QJsonObject status{
        {"timestamp"_L1, double(QDateTime::currentMSecsSinceEpoch())},
        {"since"_L1, double(m_since)},
        {"uuid"_L1, m_options.instanceUuid},
        {"name"_L1, m_options.instanceName},
        {"ip"_L1, QString()},
        {"version"_L1, m_current ? m_current->version : QString()},
        {"modules"_L1, QJsonObject()},
        {"logs"_L1, QJsonArray()},
    };
    m_client->send(
        "POST", m_target.manifestUrl().path(QUrl::FullyEncoded),
        QJsonDocument(status).toJson(QJsonDocument::Compact),
        [this](const PipyRepoClient::Reply &reply) {
            if (reply.status != 201 && reply.status != 206)
                qCInfo(lcPuller).noquote() << "status report:" << reply.describe();
        },
        "application/json");
}

void Puller::openAdminLink()
{
    if (m_target.server().scheme() != u"http"_s)
        return; // TLS admin links are not supported yet; the HEAD poll still works
    m_link = new QTcpSocket(this);
    m_linkBuffer.clear();
    m_linkOpen = false;
    QByteArray nonce(16, Qt::Uninitialized);
    for (char &c : nonce)
        c = char(QRandomGenerator::global()->bounded(256));
    const QByteArray key = nonce.toBase64();
    const QUrl url = m_target.manifestUrl();
    QByteArray handshake
        = "GET " + url.path(QUrl::FullyEncoded).toUtf8() + m_options.instanceUuid.toUtf8()
          + " HTTP/1.1\r\nHost: " + url.host().toUtf8() + ':' + QByteArray::number(url.port(80))
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
          + key + "\r\n";
    if (!m_options.token.isEmpty())
        handshake += "Authorization: Bearer " + m_options.token + "\r\n";
    handshake += "\r\n";
    connect(m_link, &QTcpSocket::connected, this, [this, handshake] { m_link->write(handshake); });
    connect(m_link, &QTcpSocket::readyRead, this, &Puller::onAdminLinkData);
    connect(m_link, &QTcpSocket::disconnected, this, [this] {
        // Reopened at the next poll.
        m_link->deleteLater();
        m_link = nullptr;
    });
    connect(m_link, &QTcpSocket::errorOccurred, this, [this] {
        if (m_link && m_link->state() == QAbstractSocket::UnconnectedState) {
            m_link->deleteLater();
            m_link = nullptr;
        }
    });
    m_link->connectToHost(url.host(), quint16(url.port(80)));
}

void Puller::onAdminLinkData()
{
    m_linkBuffer += m_link->readAll();
    if (!m_linkOpen) {
        const qsizetype end = m_linkBuffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        if (!m_linkBuffer.startsWith("HTTP/1.1 101")) {
            m_link->disconnectFromHost();
            return;
        }
        m_linkBuffer.remove(0, end + 4);
        m_linkOpen = true;
        // Pipy workers open the link with an empty message.
        m_link->write(WebSocketFrame::encode(WebSocketFrame::Text, {}, true));
    }
    for (;;) {
        WebSocketFrame frame;
        const WebSocketFrame::Parse parsed = WebSocketFrame::take(m_linkBuffer, &frame);
        if (parsed == WebSocketFrame::Parse::NeedMore)
            return;
        if (parsed == WebSocketFrame::Parse::Error || frame.opcode == WebSocketFrame::Close) {
            m_link->disconnectFromHost();
            return;
        }
        if (frame.opcode == WebSocketFrame::Ping) {
            m_link->write(WebSocketFrame::encode(WebSocketFrame::Pong, frame.payload, true));
        } else if (frame.opcode == WebSocketFrame::Text
                   && frame.payload.split('\n').first().trimmed() == "reload") {
            qCInfo(lcPuller) << "reload pushed by the repo";
            download();
        }
    }
}

} // namespace Gatehouse::Core
