#pragma once

// Small, valid FGW configs for the repo tests (header-only helpers, test code).
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

namespace TestConfigs {

// A config that serves the relative ServerRoot "www" on `port`; `tag` makes versions differ.
inline QByteArray staticSite(int port, const QString &tag)
{
    return QStringLiteral(R"({
  "Listeners": [{"Protocol": "HTTP", "Port": %1}],
  "RouteRules": {"%1": {"*": {"RouteType": "HTTP", "Matches": [
    {"Path": {"Type": "Prefix", "Path": "/"}, "ServerRoot": "www", "Index": ["index.html"]}
  ]}}},
  "Services": {},
  "Chains": {"HTTPRoute": ["common/consumer.js", "http/codec.js", "http/route.js", "http/service.js", "http/error-page.js", "http/forward.js", "http/default.js"]},
  "Version": "%2"
}
)")
        .arg(port)
        .arg(tag)
        .toUtf8();
}

// Writes `config` as DIR/config.json plus `files` static files DIR/static/www/f<i>.html of
// `size` bytes each, content derived from `tag`.
inline bool writeSite(
    const QString &dir, const QByteArray &config, const QString &tag, int files = 1, int size = 64)
{
    QDir().mkpath(dir + QStringLiteral("/static/www"));
    QFile c(dir + QStringLiteral("/config.json"));
    if (!c.open(QIODevice::WriteOnly) || c.write(config) != config.size())
        return false;
    for (int i = 0; i < files; ++i) {
        QFile f(dir + QStringLiteral("/static/www/f%1.html").arg(i));
        QByteArray content = (tag + QStringLiteral(" file %1 ").arg(i)).toUtf8();
        content = content.repeated(size / content.size() + 1).left(size);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
            return false;
    }
    return true;
}

} // namespace TestConfigs
