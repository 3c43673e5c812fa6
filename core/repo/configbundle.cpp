#include "configbundle.h"

#include "atomicfile.h"
#include "config/configloader.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace Gatehouse::Core {

namespace {

using namespace Qt::StringLiterals;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::ConfigBundle)
};

// Adds every regular file below `root` to `bundle` as `prefix/<relative path>`.
bool addTree(ConfigBundle &bundle, const QString &root, const QString &prefix, QString *error)
{
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString relative = QDir(root).relativeFilePath(file);
        const QString path = prefix.isEmpty() ? relative : prefix + u'/' + relative;
        if (!ConfigBundle::isSafePath(path))
            continue;
        QByteArray content;
        if (!AtomicFile::read(file, &content, error))
            return false;
        bundle.insert(path, content);
    }
    return true;
}

} // namespace

std::optional<ConfigBundle> ConfigBundle::fromConfigFile(const QString &configFile, QString *error)
{
    ConfigBundle bundle;
    QByteArray text;
    if (!AtomicFile::read(configFile, &text, error))
        return std::nullopt;
    bundle.setConfig(text);
    const QString base = QFileInfo(configFile).absolutePath() + u"/static/"_s;
    for (const QString &root : relativeServerRoots(text)) {
        const QString dir = QDir::cleanPath(base + root);
        if (!QFileInfo(dir).isDir())
            continue;
        if (!addTree(bundle, dir, u"static/"_s + QDir::cleanPath(root), error))
            return std::nullopt;
    }
    return bundle;
}

std::optional<ConfigBundle> ConfigBundle::fromDirectory(const QString &dir, QString *error)
{
    ConfigBundle bundle;
    if (!QFileInfo(dir).isDir()) {
        if (error)
            *error = Tr::tr("%1 is not a directory").arg(dir);
        return std::nullopt;
    }
    if (!addTree(bundle, dir, QString(), error))
        return std::nullopt;
    return bundle;
}

QStringList ConfigBundle::relativeServerRoots(const QByteArray &configText)
{
    QStringList roots;
    const LoadResult loaded = ConfigLoader::load(configText);
    if (!loaded.config)
        return roots;
    for (const RouteRule &rule : loaded.config->routeRules) {
        for (const DomainRule &domain : rule.domains) {
            for (const RouteMatch &match : domain.matches) {
                if (!match.serverRoot || match.serverRoot->isEmpty()
                    || match.serverRoot->startsWith(u'/'))
                    continue;
                const QString root = QDir::cleanPath(*match.serverRoot);
                if (isSafePath(root) && !roots.contains(root))
                    roots.append(root);
            }
        }
    }
    return roots;
}

bool ConfigBundle::isManagedPath(QStringView path)
{
    return path == ConfigPath || path.startsWith(u"static/");
}

bool ConfigBundle::isSafePath(QStringView path)
{
    if (path.isEmpty() || path.startsWith(u'/') || path.contains(u'\\'))
        return false;
    for (QStringView segment : path.split(u'/')) {
        if (segment.isEmpty() || segment == u"." || segment == u"..")
            return false;
    }
    return true;
}

QByteArray ConfigBundle::contentHash() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (auto it = m_files.cbegin(); it != m_files.cend(); ++it) {
        // Length-prefixed so that no two different bundles hash the same bytes.
        const QByteArray path = it.key().toUtf8();
        hash.addData(QByteArray(QByteArray::number(path.size()) + ':' + path));
        hash.addData(QByteArray(QByteArray::number(it.value().size()) + ':'));
        hash.addData(it.value());
    }
    return hash.result().toHex();
}

QByteArray ConfigBundle::sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

bool ConfigBundle::writeTo(const QString &dir, QString *error) const
{
    for (auto it = m_files.cbegin(); it != m_files.cend(); ++it) {
        if (!isSafePath(it.key())) {
            if (error)
                *error = Tr::tr("refusing unsafe path %1").arg(it.key());
            return false;
        }
        const QString path = dir + u'/' + it.key();
        if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
            if (error)
                *error = Tr::tr("cannot create directory for %1").arg(path);
            return false;
        }
        if (!AtomicFile::write(path, it.value(), error))
            return false;
    }
    return true;
}

} // namespace Gatehouse::Core
