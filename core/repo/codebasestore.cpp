#include "codebasestore.h"

#include "atomicfile.h"
#include "configbundle.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <climits>
#include <cmath>

namespace Gatehouse::Core {

Q_LOGGING_CATEGORY(lcCodebaseStore, "gatehouse.repo.store", QtWarningMsg)

namespace {

using namespace Qt::StringLiterals;

constexpr qint64 InstanceTimeoutMs = 60 * 1000;

// Pipy's template for a new, non-derived codebase's /main.js.
const QByteArray MainTemplate
    = "pipy()\n\n.listen(8080)\n.serveHTTP(\n  new Message('Hi, there!\\n')\n)\n";

bool validFileName(const QString &file)
{
    return file.size() > 1 && file.startsWith(u'/') && !file.endsWith(u'/')
           && !file.contains(u"/../"_s) && !file.endsWith(u"/.."_s);
}

// "3" -> "3.1", "3.1" -> "3.2": an incremental commit bumps the file's `.k` suffix.
QString bumpMinor(const QString &version)
{
    const qsizetype dot = version.lastIndexOf(u'.');
    if (dot > 0) {
        bool ok = false;
        const qlonglong k = version.mid(dot + 1).toLongLong(&ok);
        if (ok)
            return version.left(dot + 1) + QString::number(k + 1);
    }
    return version + u".1"_s;
}

QJsonObject recordsToJson(const QMap<QString, CodebaseStore::FileRecord> &records)
{
    QJsonObject o;
    for (auto it = records.cbegin(); it != records.cend(); ++it)
        o.insert(it.key(), QJsonObject{{"hash"_L1, QString::fromLatin1(it->hash)},
                                       {"version"_L1, it->version}});
    return o;
}

QMap<QString, CodebaseStore::FileRecord> recordsFromJson(const QJsonObject &o)
{
    QMap<QString, CodebaseStore::FileRecord> records;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonObject r = it.value().toObject();
        records.insert(
            it.key(), {r.value("hash"_L1).toString().toLatin1(), r.value("version"_L1).toString()});
    }
    return records;
}

} // namespace

CodebaseStore::CodebaseStore(const QString &directory)
    : m_dir(directory)
{}

bool CodebaseStore::load(QString *error)
{
    if (m_dir.isEmpty())
        return true;
    if (!QDir().mkpath(m_dir + u"/blobs"_s)) {
        if (error)
            *error = QStringLiteral("cannot create %1/blobs").arg(m_dir);
        return false;
    }
    QByteArray text;
    if (!QFile::exists(m_dir + u"/store.json"_s))
        return true;
    if (!AtomicFile::read(m_dir + u"/store.json"_s, &text, error))
        return false;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("%1/store.json: %2").arg(m_dir, parseError.errorString());
        return false;
    }
    QSet<QByteArray> referenced;
    for (const QJsonValue &v : doc.object().value("codebases"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        Codebase cb;
        cb.path = o.value("path"_L1).toString();
        cb.version = o.value("version"_L1).toString();
        cb.main = o.value("main"_L1).toString();
        cb.base = o.value("base"_L1).toString();
        cb.baseVersion = o.value("baseVersion"_L1).toString();
        cb.published = o.value("published"_L1).toBool();
        cb.files = recordsFromJson(o.value("files"_L1).toObject());
        cb.tree = recordsFromJson(o.value("tree"_L1).toObject());
        const QJsonObject edits = o.value("edits"_L1).toObject();
        for (auto it = edits.begin(); it != edits.end(); ++it)
            cb.edits.insert(it.key(), it.value().toString().toLatin1());
        for (const QJsonValue &e : o.value("erased"_L1).toArray())
            cb.erased.insert(e.toString());
        for (const auto &r : std::as_const(cb.files))
            referenced.insert(r.hash);
        for (const auto &r : std::as_const(cb.tree))
            referenced.insert(r.hash);
        for (const auto &h : std::as_const(cb.edits))
            referenced.insert(h);
        m_codebases.insert(cb.path, cb);
    }
    QDir blobs(m_dir + u"/blobs"_s);
    for (const QString &name : blobs.entryList(QDir::Files | QDir::Hidden)) {
        const QByteArray hash = name.toLatin1();
        if (!referenced.contains(hash)) {
            blobs.remove(name); // unreferenced: left by a write that never committed
            continue;
        }
        QByteArray content;
        if (!AtomicFile::read(blobs.filePath(name), &content, error))
            return false;
        m_blobs.insert(hash, content);
    }
    for (const QByteArray &hash : std::as_const(referenced)) {
        if (!m_blobs.contains(hash)) {
            if (error)
                *error = QStringLiteral("%1/blobs/%2 is missing")
                             .arg(m_dir, QString::fromLatin1(hash));
            return false;
        }
    }
    return true;
}

bool CodebaseStore::save()
{
    if (m_dir.isEmpty())
        return true;
    QJsonArray codebases;
    for (const Codebase &cb : std::as_const(m_codebases)) {
        QJsonObject edits;
        for (auto it = cb.edits.cbegin(); it != cb.edits.cend(); ++it)
            edits.insert(it.key(), QString::fromLatin1(it.value()));
        QJsonArray erased;
        for (const QString &e : cb.erased)
            erased.append(e);
        codebases.append(QJsonObject{
            {"path"_L1, cb.path},
            {"version"_L1, cb.version},
            {"main"_L1, cb.main},
            {"base"_L1, cb.base},
            {"baseVersion"_L1, cb.baseVersion},
            {"published"_L1, cb.published},
            {"files"_L1, recordsToJson(cb.files)},
            {"tree"_L1, recordsToJson(cb.tree)},
            {"edits"_L1, edits},
            {"erased"_L1, erased},
        });
    }
    QString error;
    if (!AtomicFile::write(m_dir + u"/store.json"_s,
                           QJsonDocument(QJsonObject{{"codebases"_L1, codebases}}).toJson(),
                           &error)) {
        qCWarning(lcCodebaseStore) << "cannot save the repo:" << error;
        return false;
    }
    return true;
}

QByteArray CodebaseStore::storeBlob(const QByteArray &content)
{
    const QByteArray hash = ConfigBundle::sha256Hex(content);
    if (!m_blobs.contains(hash)) {
        m_blobs.insert(hash, content);
        QString error;
        if (!m_dir.isEmpty()
            && !AtomicFile::write(m_dir + u"/blobs/"_s + QString::fromLatin1(hash), content,
                                  &error))
            qCWarning(lcCodebaseStore) << "cannot store a file:" << error;
    }
    return hash;
}

std::optional<QByteArray> CodebaseStore::blob(const QByteArray &hash) const
{
    const auto it = m_blobs.constFind(hash);
    if (it == m_blobs.cend())
        return std::nullopt;
    return *it;
}

QStringList CodebaseStore::paths() const
{
    return m_codebases.keys();
}

const CodebaseStore::Codebase *CodebaseStore::find(const QString &path) const
{
    const auto it = m_codebases.constFind(path);
    return it == m_codebases.cend() ? nullptr : &*it;
}

QString CodebaseStore::resolve(const QString &path) const
{
    QString best;
    for (const QString &cb : m_codebases.keys()) {
        if ((path == cb || path.startsWith(cb + u'/')) && cb.size() > best.size())
            best = cb;
    }
    return best;
}

QByteArray CodebaseStore::infoJson(const QString &path, qint64 nowMs)
{
    Q_UNUSED(nowMs);
    const Codebase &cb = m_codebases[path];
    QJsonArray files, editFiles, erasedFiles, baseFiles, derived;
    for (const QString &f : cb.files.keys())
        files.append(f);
    for (const QString &f : cb.edits.keys())
        editFiles.append(f);
    QStringList erased(cb.erased.cbegin(), cb.erased.cend());
    erased.sort();
    for (const QString &f : erased)
        erasedFiles.append(f);
    if (const Codebase *base = find(cb.base)) {
        for (const QString &f : (base->published ? base->tree : base->files).keys())
            baseFiles.append(f);
    }
    for (const Codebase &other : std::as_const(m_codebases)) {
        if (other.base == path)
            derived.append(other.path);
    }
    QJsonObject instances;
    for (const Instance &i : cb.instances) {
        instances.insert(QString::number(i.id), QJsonObject{{"ip"_L1, i.ip},
                                                            {"timestamp"_L1, double(i.lastSeenMs)},
                                                            {"status"_L1, i.status}});
    }
    QJsonObject info{
        {"version"_L1, cb.version},  {"path"_L1, cb.path},        {"main"_L1, cb.main},
        {"files"_L1, files},         {"editFiles"_L1, editFiles}, {"erasedFiles"_L1, erasedFiles},
        {"baseFiles"_L1, baseFiles}, {"derived"_L1, derived},     {"instances"_L1, instances},
    };
    if (!cb.base.isEmpty())
        info.insert("base"_L1, cb.base);
    return QJsonDocument(info).toJson(QJsonDocument::Compact);
}

std::optional<QByteArray> CodebaseStore::fileWithEdits(const QString &cbPath,
                                                       const QString &file) const
{
    const Codebase *cb = find(cbPath);
    if (!cb)
        return std::nullopt;
    if (const auto edit = cb->edits.constFind(file); edit != cb->edits.cend())
        return blob(*edit);
    if (cb->erased.contains(file))
        return std::nullopt;
    if (const auto own = cb->files.constFind(file); own != cb->files.cend())
        return blob(own->hash);
    if (const Codebase *base = find(cb->base))
        return fileWithEdits(base->path, file);
    return std::nullopt;
}

std::optional<QString> CodebaseStore::parseVersion(const QJsonValue &value, Error *error)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d < 0 || d > double(INT_MAX) || std::floor(d) != d) {
            *error = {400, "Invalid version number"};
            return std::nullopt;
        }
        return QString::number(qint64(d));
    }
    *error = {400, "Invalid version"};
    return std::nullopt;
}

std::optional<CodebaseStore::Error> CodebaseStore::create(const QString &path,
                                                          const QByteArray &body)
{
    if (path.size() < 2 || !path.startsWith(u'/') || path.endsWith(u'/'))
        return Error{400, "Invalid codebase name"};
    if (m_codebases.contains(path))
        return Error{400, "Codebase already exists"};
    const QJsonDocument doc = QJsonDocument::fromJson(body.isEmpty() ? QByteArray("{}") : body);
    if (!doc.isObject())
        return Error{400, "Invalid JSON"};
    const QJsonObject o = doc.object();
    Codebase cb;
    cb.path = path;
    if (o.contains("version"_L1)) {
        Error error;
        const auto version = parseVersion(o.value("version"_L1), &error);
        if (!version)
            return error;
        cb.version = *version;
    }
    if (o.contains("base"_L1)) {
        const QString base = o.value("base"_L1).toString();
        if (!m_codebases.contains(base))
            return Error{400, "Base codebase not found"};
        cb.base = base;
    } else {
        // Pipy commits a template main file into every new non-derived codebase.
        cb.files.insert(cb.main, {storeBlob(MainTemplate), cb.version});
    }
    m_codebases.insert(path, cb);
    save();
    return std::nullopt;
}

std::optional<CodebaseStore::Error>
CodebaseStore::patch(const QString &path, const QByteArray &body, QStringList *reload)
{
    auto it = m_codebases.find(path);
    if (it == m_codebases.end())
        return Error{404, "Codebase not found"};
    const QJsonDocument doc = QJsonDocument::fromJson(body.isEmpty() ? QByteArray("{}") : body);
    if (!doc.isObject())
        return Error{400, "Invalid JSON"};
    const QJsonObject o = doc.object();
    std::optional<QString> version;
    if (o.contains("version"_L1)) {
        Error error;
        version = parseVersion(o.value("version"_L1), &error);
        if (!version)
            return error;
    }
    if (o.contains("main"_L1)) {
        const QString main = o.value("main"_L1).toString();
        if (!validFileName(main))
            return Error{400, "Invalid main filename"};
        it->main = main;
    }
    Codebase &cb = *it;
    if (version) {
        commitFull(cb, *version, reload);
    } else {
        // Incremental: publish pending edits with a bumped `.k` file version; no reload.
        for (auto e = cb.edits.cbegin(); e != cb.edits.cend(); ++e) {
            const auto existing = cb.files.constFind(e.key());
            const QString fileVersion
                = bumpMinor(existing != cb.files.cend() ? existing->version : cb.version);
            cb.files.insert(e.key(), {e.value(), fileVersion});
            if (cb.published)
                cb.tree.insert(e.key(), {e.value(), fileVersion});
        }
        for (const QString &erased : std::as_const(cb.erased)) {
            cb.files.remove(erased);
            if (cb.published)
                cb.tree.remove(erased);
        }
        cb.edits.clear();
        cb.erased.clear();
    }
    save();
    return std::nullopt;
}

void CodebaseStore::commitFull(Codebase &cb, const QString &version, QStringList *reload)
{
    for (auto e = cb.edits.cbegin(); e != cb.edits.cend(); ++e)
        cb.files.insert(e.key(), {e.value(), version});
    for (const QString &erased : std::as_const(cb.erased))
        cb.files.remove(erased);
    cb.edits.clear();
    cb.erased.clear();
    cb.version = version;
    for (FileRecord &r : cb.files)
        r.version = version;
    regenerateTree(cb);
    if (reload)
        reload->append(cb.path);
    // Derived codebases follow their base: version + 1 (integer), tree regenerated.
    for (Codebase &derived : m_codebases) {
        if (derived.base != cb.path || derived.baseVersion == cb.version)
            continue;
        const QString next = QString::number(derived.version.toLongLong() + 1);
        commitFull(derived, next, reload);
    }
}

void CodebaseStore::regenerateTree(Codebase &cb)
{
    cb.tree.clear();
    if (const Codebase *base = find(cb.base)) {
        for (auto it = base->tree.cbegin(); it != base->tree.cend(); ++it)
            cb.tree.insert(it.key(), {it->hash, cb.version});
        cb.baseVersion = base->version;
    }
    for (auto it = cb.files.cbegin(); it != cb.files.cend(); ++it)
        cb.tree.insert(it.key(), {it->hash, cb.version});
    cb.published = true;
}

std::optional<CodebaseStore::Error> CodebaseStore::remove(const QString &path)
{
    if (!m_codebases.contains(path))
        return Error{404, "Codebase not found"};
    QStringList doomed{path};
    for (qsizetype i = 0; i < doomed.size(); ++i) {
        for (const Codebase &cb : std::as_const(m_codebases)) {
            if (cb.base == doomed.at(i) && !doomed.contains(cb.path))
                doomed.append(cb.path);
        }
    }
    for (const QString &p : std::as_const(doomed))
        m_codebases.remove(p);
    save();
    return std::nullopt;
}

std::optional<CodebaseStore::Error> CodebaseStore::writeFile(const QString &cbPath,
                                                             const QString &file,
                                                             const QByteArray &content,
                                                             bool emptyDiscards)
{
    auto it = m_codebases.find(cbPath);
    if (it == m_codebases.end())
        return Error{404, "Codebase not found"};
    if (!validFileName(file))
        return Error{400, "Invalid filename"};
    if (emptyDiscards && content.isEmpty()) {
        it->edits.remove(file);
    } else {
        it->edits.insert(file, storeBlob(content));
        it->erased.remove(file);
    }
    save();
    return std::nullopt;
}

std::optional<CodebaseStore::Error> CodebaseStore::eraseFile(const QString &cbPath,
                                                             const QString &file)
{
    auto it = m_codebases.find(cbPath);
    if (it == m_codebases.end())
        return Error{404, "Codebase not found"};
    const bool edited = it->edits.remove(file) > 0;
    const bool committed = it->files.contains(file);
    if (!edited && !committed)
        return Error{404, "File not found"};
    if (committed)
        it->erased.insert(file);
    save();
    return std::nullopt;
}

QByteArray CodebaseStore::manifest(const QString &cbPath) const
{
    const Codebase *cb = find(cbPath);
    if (!cb)
        return {};
    QStringList lines{cb->main};
    for (const QString &path : cb->tree.keys()) {
        if (path != cb->main)
            lines.append(path);
    }
    return lines.join(u'\n').toUtf8();
}

QByteArray CodebaseStore::etags(const QString &cbPath) const
{
    const Codebase *cb = find(cbPath);
    if (!cb)
        return {};
    QByteArray out;
    for (auto it = cb->tree.cbegin(); it != cb->tree.cend(); ++it)
        out += it.key().toUtf8() + '#' + it->version.toUtf8() + '\n';
    return out;
}

int CodebaseStore::report(const QString &cbPath,
                          const QString &ip,
                          const QJsonObject &status,
                          qint64 nowMs)
{
    Codebase &cb = m_codebases[cbPath];
    QString uuid = status.value("uuid"_L1).toString();
    if (uuid.isEmpty())
        uuid = ip;
    auto it = cb.instances.find(uuid);
    const bool known = it != cb.instances.end();
    if (!known) {
        it = cb.instances.insert(uuid, Instance{});
        it->id = cb.nextInstanceId++;
        it->uuid = uuid;
    }
    it->ip = ip;
    it->lastSeenMs = nowMs;
    it->status = status;
    return known ? 206 : 201;
}

void CodebaseStore::expireInstances(qint64 nowMs, const QSet<QString> &linked)
{
    for (Codebase &cb : m_codebases) {
        for (auto it = cb.instances.begin(); it != cb.instances.end();) {
            if (nowMs - it->lastSeenMs > InstanceTimeoutMs && !linked.contains(it->uuid))
                it = cb.instances.erase(it);
            else
                ++it;
        }
    }
}

} // namespace Gatehouse::Core
