#pragma once

// Blocking wrappers around PipyRepoClient's asynchronous calls, for tests: each runs a local
// event loop until the client's callback fires (the client calls it exactly once).
#include "repo/configbundle.h"
#include "repo/pipyrepoclient.h"

#include <QEventLoop>
#include <QUrl>

namespace RepoClientSync {

using namespace Gatehouse::Core;

inline QUrl serverUrl(quint16 port)
{
    return QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(port));
}

inline PublishResult publish(PipyRepoClient &client,
                             const QString &cb,
                             const ConfigBundle &bundle,
                             const PipyRepoClient::PublishOptions &options = {})
{
    PublishResult result;
    QEventLoop loop;
    client.publish(cb, bundle, options, [&](const PublishResult &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    return result;
}

inline PipyRepoClient::Reply send(PipyRepoClient &client,
                                  const QByteArray &method,
                                  const QString &path,
                                  const QByteArray &body = {})
{
    PipyRepoClient::Reply reply;
    QEventLoop loop;
    client.send(method, path, body, [&](const PipyRepoClient::Reply &r) {
        reply = r;
        loop.quit();
    });
    loop.exec();
    return reply;
}

} // namespace RepoClientSync
