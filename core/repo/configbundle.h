#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

#include <optional>

namespace Gatehouse::Core {

// What Gatehouse publishes and pulls: the part of a codebase FGW v1 reads as configuration,
// i.e. `config.json` plus the files under `static/<ServerRoot>/` of every relative ServerRoot
// (FGW resolves a relative root to the codebase directory `/static/<root>`, reference §2.12).
// Paths are codebase paths without the leading `/` ("config.json", "static/www/index.html"),
// always with `/` separators, never `..`. A plain value: copy freely, any thread.
class ConfigBundle
{
public:
    static inline const QString ConfigPath = QStringLiteral("config.json");

    // Reads `configFile` and the static files of its relative ServerRoots from
    // `<dir of configFile>/static/<root>/` (the layout the engine and FGW resolve). A root
    // that does not exist on disk is skipped (the engine reports it); an unreadable file is an
    // error. Does not validate the config: callers run ConfigLoader on config() first.
    static std::optional<ConfigBundle> fromConfigFile(const QString &configFile, QString *error);
    // Reads every file under `dir` (a tree previously written by writeTo()).
    static std::optional<ConfigBundle> fromDirectory(const QString &dir, QString *error);

    // Relative ServerRoots named by `configText` (empty when it does not parse).
    static QStringList relativeServerRoots(const QByteArray &configText);
    // True for the codebase paths Gatehouse manages: config.json and static/**.
    static bool isManagedPath(QStringView path);
    // Rejects absolute paths, `..`, empty segments and backslashes.
    static bool isSafePath(QStringView path);

    QByteArray config() const { return m_files.value(ConfigPath); }
    void setConfig(const QByteArray &text) { m_files.insert(ConfigPath, text); }
    const QMap<QString, QByteArray> &files() const { return m_files; }
    void insert(const QString &path, const QByteArray &content) { m_files.insert(path, content); }
    bool isEmpty() const { return m_files.isEmpty(); }

    // SHA-256 over the sorted (path, content) pairs, hex: equal bundles, equal hashes.
    QByteArray contentHash() const;
    static QByteArray sha256Hex(const QByteArray &data);

    // Writes every file below `dir` (which must exist), each with AtomicFile (fsync'd).
    bool writeTo(const QString &dir, QString *error) const;

    bool operator==(const ConfigBundle &other) const { return m_files == other.m_files; }

private:
    QMap<QString, QByteArray> m_files;
};

} // namespace Gatehouse::Core
