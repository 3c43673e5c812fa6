#include "config/configloader.h"
#include "config/jsondocument.h"
#include "config/jsonschemavalidator.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>
#include <functional>

using namespace Gatehouse::Core;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct Example
{
    QString name;
    QByteArray text;
};

QList<Example> examples()
{
    QList<Example> out;
    const auto index = JsonDocument::parse(readFile(QStringLiteral(":/examples/index.json")));
    if (!index.ok())
        return out;
    for (const JsonValue entry : index.document->root()) {
        const QString file = entry.member(QLatin1StringView("file")).toString();
        out.append({file.chopped(5), readFile(QStringLiteral(":/examples/") + file)});
    }
    return out;
}

// Every value of a document, for picking mutation targets.
void collect(const JsonValue &v, QList<JsonValue> &out)
{
    out.append(v);
    for (const JsonValue child : v)
        collect(child, out);
}

QByteArray splice(const QByteArray &text, qsizetype at, qsizetype length, const QByteArray &with)
{
    return text.left(at) + with + text.mid(at + length);
}

// Values and keys that probe the validator's edges: wrong types, out-of-range numbers, enum
// misses, strings shaped like what FGW expects, and JSON that Number parsing finds hard.
const QList<QByteArray> &replacementValues()
{
    static const QList<QByteArray> values = {
        "null",
        "true",
        "false",
        "0",
        "-1",
        "65536",
        "70000",
        "1e309",
        "-0",
        "0.5",
        "1e2",
        "\"\"",
        "\"x\"",
        "\"Glob\"",
        "\"*\"",
        "\"127.0.0.1\"",
        "\"127.0.0.1:99999\"",
        "\"[\"",
        "\"8080, http\"",
        "[]",
        "{}",
        "[1]",
        "{\"Weight\": \"100\"}",
        "{\"\": {}}",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "18446744073709551616",
    };
    return values;
}

const QList<QByteArray> &replacementKeys()
{
    static const QList<QByteArray> keys = {
        "Port",
        "Protocol",
        "Listen",
        "Endpoints",
        "Weight",
        "Path",
        "Type",
        "Matches",
        "BackendService",
        "ServerRoot",
        "HealthCheck",
        "Uri",
        "RouteType",
        "Chains",
        "HTTPRoute",
        "TLS",
        "70000",
        "80, 80",
        "*",
        "",
        "Services",
        "RouteRules",
        "Filters",
        "Algorithm",
        "StickyCookieName",
        "MaxFails",
        "Interval",
    };
    return keys;
}

// Interesting bytes for single-byte mutations: JSON structure, digits, quotes, escapes,
// invalid UTF-8 and control characters.
const QByteArray &interestingBytes()
{
    static const char raw[] = "{}[]\",:.-+eE019azAZ/ \t\n\\*"
                              "\x00\x01\x7f\x80\xbf\xc0\xc3\xe2\xf0\xff";
    static const QByteArray bytes(raw, sizeof(raw) - 1);
    return bytes;
}

using Mutator = std::function<QByteArray(const QByteArray &, QRandomGenerator &)>;

struct NamedMutator
{
    const char *name;
    Mutator apply;
};

QList<NamedMutator> mutators()
{
    return {
        {"truncate",
         [](const QByteArray &t, QRandomGenerator &r) { return t.left(r.bounded(t.size())); }},
        {"byte",
         [](const QByteArray &t, QRandomGenerator &r) {
             const QByteArray &b = interestingBytes();
             return splice(t, r.bounded(t.size()), 1, QByteArray(1, b[r.bounded(b.size())]));
         }},
        {"delete",
         [](const QByteArray &t, QRandomGenerator &r) {
             return splice(t, r.bounded(t.size()), 1 + r.bounded(8), {});
         }},
        {"insert",
         [](const QByteArray &t, QRandomGenerator &r) {
             const QByteArray &b = interestingBytes();
             return splice(t, r.bounded(t.size() + 1), 0, QByteArray(1, b[r.bounded(b.size())]));
         }},
        {"value",
         [](const QByteArray &t, QRandomGenerator &r) {
             const auto doc = JsonDocument::parse(t).document;
             QList<JsonValue> values;
             collect(doc->root(), values);
             const JsonValue v = values[r.bounded(values.size())];
             const auto &with = replacementValues();
             return splice(t, v.offset(), v.length(), with[r.bounded(with.size())]);
         }},
        {"key",
         [](const QByteArray &t, QRandomGenerator &r) {
             const auto doc = JsonDocument::parse(t).document;
             QList<JsonValue> values;
             collect(doc->root(), values);
             QList<JsonValue> members;
             for (const JsonValue &v : std::as_const(values)) {
                 if (v.hasKey())
                     members << v;
             }
             const JsonValue m = members[r.bounded(members.size())];
             const auto &keys = replacementKeys();
             return splice(t, m.keyOffset(), m.keyLength(),
                           QByteArray("\"") + keys[r.bounded(keys.size())] + "\"");
         }},
        {"drop",
         [](const QByteArray &t, QRandomGenerator &r) {
             // Removes a member or element with the comma after it (or before it when last),
             // keeping the JSON well-formed, so the loader's structural checks are exercised.
             const auto doc = JsonDocument::parse(t).document;
             QList<JsonValue> values;
             collect(doc->root(), values);
             values.removeFirst();
             const JsonValue v = values[r.bounded(values.size())];
             const quint32 start = v.hasKey() ? v.keyOffset() : v.offset();
             const quint32 end = v.offset() + v.length();
             if (v.nextSibling().isValid()) {
                 const JsonValue n = v.nextSibling();
                 return splice(t, start, (n.hasKey() ? n.keyOffset() : n.offset()) - start, {});
             }
             JsonValue previous;
             for (JsonValue s = v.parent().firstChild(); s.isValid() && !(s == v);
                  s = s.nextSibling())
                 previous = s;
             const quint32 from
                 = previous.isValid() ? previous.offset() + previous.length() : start;
             return splice(t, from, end - from, {});
         }},
        {"duplicate",
         [](const QByteArray &t, QRandomGenerator &r) {
             const auto doc = JsonDocument::parse(t).document;
             QList<JsonValue> values;
             collect(doc->root(), values);
             values.removeFirst();
             const JsonValue v = values[r.bounded(values.size())];
             const quint32 start = v.hasKey() ? v.keyOffset() : v.offset();
             const QByteArray copy = t.mid(start, v.offset() + v.length() - start);
             return splice(t, start, 0, copy + ", ");
         }},
    };
}

// A generated input: the mutated text and a stable name ("health-checks-value-0042").
struct Input
{
    QString name;
    QByteArray text;
};

// Deterministic: the same seed gives the same inputs on every machine, so a failure names an
// input anyone can reproduce (and the corpus can be regenerated from it).
QList<Input> generateInputs(int perMutator)
{
    QRandomGenerator random(0x9a7e5eed);
    QList<Input> inputs;
    const QList<NamedMutator> all = mutators();
    for (const Example &e : examples()) {
        for (const NamedMutator &m : all) {
            for (int i = 0; i < perMutator; ++i) {
                // Stack one to three mutations: single edits rarely reach the deeper checks.
                QByteArray text = e.text;
                const int depth = 1 + random.bounded(3);
                for (int d = 0; d < depth && !text.isEmpty(); ++d) {
                    // Token mutators need well-formed input; after a byte-level edit they stop.
                    if (!JsonDocument::parse(text).ok() && d > 0)
                        break;
                    text = m.apply(text, random);
                }
                inputs.append({QStringLiteral("%1-%2-%3")
                                   .arg(e.name, QLatin1StringView(m.name))
                                   .arg(i, 4, 10, QLatin1Char('0')),
                               text});
            }
        }
    }
    return inputs;
}

QString corpusDir()
{
    return QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/fuzz/corpus/config");
}

} // namespace

class TestRobustness : public QObject
{
    Q_OBJECT
private:
    std::optional<JsonSchemaValidator> m_schema;
    int m_checked = 0;
    int m_validJson = 0;
    int m_stillValid = 0;
    QStringList m_undiagnosed; // inputs that should have an error diagnostic and have none

    // All undiagnosed inputs are listed at once: one run shows every gap between the schema
    // and the loader, not just the first.
    bool reportUndiagnosed()
    {
        for (const QString &line : std::as_const(m_undiagnosed))
            qWarning().noquote() << line;
        const bool clean = m_undiagnosed.isEmpty();
        m_undiagnosed.clear();
        return clean;
    }

    // The contract for any input: no crash, and an input that is not a working config ends in
    // a diagnostic. "Not working" is judged independently of the loader: by the JSON parser,
    // and for well-formed JSON by the JSON Schema (errors other than unknown keys, which FGW
    // ignores and the loader reports as warnings).
    void checkOne(const QString &name, const QByteArray &text)
    {
        ++m_checked;
        const auto parsed = JsonDocument::parse(text);
        const LoadResult loaded = ConfigLoader::load(text);
        for (const Diagnostic &d : loaded.diagnostics) {
            QVERIFY2(d.offset <= quint32(text.size()), qPrintable(name));
            QVERIFY2(d.offset + d.length <= quint32(text.size()), qPrintable(name));
            QVERIFY2(!d.message.isEmpty() && !d.code.isEmpty(), qPrintable(name));
            QVERIFY2(d.position.line >= 1 && d.position.column >= 1, qPrintable(name));
        }
        if (!parsed.ok()) {
            QVERIFY2(loaded.hasErrors(),
                     qPrintable(name + QLatin1String(": JSON error not reported")));
            QVERIFY2(!loaded.withCode(u"json-syntax").isEmpty(), qPrintable(name));
            QCOMPARE(loaded.withCode(u"json-syntax").first().position, parsed.error.position);
            return;
        }
        ++m_validJson;
        QVERIFY2(loaded.config,
                 qPrintable(name + QLatin1String(": well-formed JSON without a model")));
        // The schema is deliberately stricter than FGW in places (enums such as RouteType,
        // where FGW quietly falls back to a default): there the loader may answer with a
        // warning on the very value instead of an error. Any other schema error must make the
        // loader report an error somewhere.
        const auto warnedAt = [&](const Diagnostic &s) {
            return std::any_of(loaded.diagnostics.cbegin(), loaded.diagnostics.cend(),
                               [&](const Diagnostic &d) {
                                   return d.offset >= s.offset && d.offset <= s.offset + s.length;
                               });
        };
        bool structural = false;
        bool unknownKey = false;
        QString first;
        for (const auto &f : m_schema->validate(parsed.document->root())) {
            if (f.diagnostic.severity != Severity::Error)
                continue;
            const bool unknown
                = f.keyword == QLatin1StringView("additionalProperties")
                  && f.diagnostic.message.startsWith(QLatin1StringView("Unknown key"));
            unknownKey = unknownKey || unknown;
            if (!unknown && !structural && !warnedAt(f.diagnostic)) {
                structural = true;
                first = f.pointer + QLatin1String(": ") + f.diagnostic.message;
            }
        }
        if (structural && !loaded.hasErrors()) {
            QStringList got;
            for (const Diagnostic &d : loaded.diagnostics)
                got << d.format(name);
            m_undiagnosed << name + QLatin1String(": schema error not diagnosed: ") + first
                                 + QLatin1String("\n  the loader said:\n    ")
                                 + got.join(QLatin1String("\n    "));
        } else if (unknownKey && loaded.diagnostics.isEmpty())
            m_undiagnosed << name + QLatin1String(": unknown key not diagnosed");
        else if (!structural && !unknownKey && !loaded.hasErrors())
            ++m_stillValid;
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_schema = JsonSchemaValidator::create(
            JsonDocument::parse(readFile(QStringLiteral(":/schema/config.schema.json"))).document,
            &error);
        QVERIFY2(m_schema, qPrintable(error));
        QVERIFY(examples().size() >= 6);
    }

    // Every diagnostic's line:column comes from JsonDocument::positionOf(), which keeps only a
    // sparse line index; check it, and offsetOf() back, against a plain count on every value of
    // every example and of a long one-value-per-line document.
    void positionsAgreeWithANaiveCount()
    {
        QList<QByteArray> texts;
        for (const Example &e : examples())
            texts << e.text;
        QByteArray longText = "[\n";
        for (int i = 0; i < 500; ++i)
            longText += (i % 7 ? "  \"\u00e9t\u00e9\",\n" : "\n  1,\n");
        texts << longText + "  true\n]\n";
        for (const QByteArray &text : std::as_const(texts)) {
            const auto doc = JsonDocument::parse(text).document;
            QVERIFY(doc);
            QList<JsonValue> values;
            collect(doc->root(), values);
            for (const JsonValue &v : std::as_const(values)) {
                TextPosition naive{1, 1};
                for (quint32 i = 0; i < v.offset(); ++i) {
                    if (text[i] == '\n')
                        naive = {naive.line + 1, 1};
                    else if ((uchar(text[i]) & 0xC0) != 0x80)
                        ++naive.column;
                }
                QCOMPARE(v.position(), naive);
                QCOMPARE(doc->offsetOf(naive), v.offset());
            }
        }
    }

    // Thousands of mutated example configs straight from the generator.
    void mutatedExamples()
    {
        const QList<Input> inputs = generateInputs(150);
        QVERIFY(inputs.size() >= 7000);
        m_checked = m_validJson = m_stillValid = 0;
        for (const Input &input : inputs) {
            checkOne(input.name, input.text);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY2(reportUndiagnosed(), "invalid configs without an error diagnostic, see above");
        // The generator must reach the config layer, not only the JSON parser.
        QVERIFY2(m_validJson > inputs.size() / 3, qPrintable(QString::number(m_validJson)));
        qInfo("%d inputs, %d well-formed JSON, %d still valid configs", m_checked, m_validJson,
              m_stillValid);
    }

    // The same kind of inputs kept as files, so other fuzzers (and a future libFuzzer target)
    // start from them; see tests/fuzz/README.
    void corpus()
    {
        const QDir dir(corpusDir());
        const QStringList files
            = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 200, qPrintable(dir.path()));
        for (const QString &file : files) {
            checkOne(file, readFile(dir.filePath(file)));
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY2(reportUndiagnosed(), "invalid configs without an error diagnostic, see above");
    }

    // The corpus is a sample of generateInputs(); if the generator changes, the corpus must be
    // regenerated (tests/fuzz/update-config-corpus.sh), or it silently stops covering it.
    void corpusMatchesGenerator()
    {
        const QList<Input> inputs = generateInputs(150);
        int compared = 0;
        for (qsizetype i = 0; i < inputs.size(); i += corpusStride) {
            const QString path
                = QDir(corpusDir()).filePath(inputs[i].name + QStringLiteral(".json"));
            QVERIFY2(QFile::exists(path), qPrintable(path));
            QCOMPARE(readFile(path), inputs[i].text);
            ++compared;
        }
        QVERIFY(compared >= 200);
    }

    // Writes the corpus when GATEHOUSE_WRITE_CORPUS names a directory (used by the update
    // script; a normal run skips it).
    void writeCorpus()
    {
        const QString target = qEnvironmentVariable("GATEHOUSE_WRITE_CORPUS");
        if (target.isEmpty())
            QSKIP("GATEHOUSE_WRITE_CORPUS not set");
        QVERIFY(QDir().mkpath(target));
        const QList<Input> inputs = generateInputs(150);
        for (qsizetype i = 0; i < inputs.size(); i += corpusStride) {
            QFile f(QDir(target).filePath(inputs[i].name + QStringLiteral(".json")));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QCOMPARE(f.write(inputs[i].text), inputs[i].text.size());
        }
    }

private:
    static constexpr int corpusStride = 32;
};

QTEST_GUILESS_MAIN(TestRobustness)
#include "tst_robustness.moc"
