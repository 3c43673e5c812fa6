#include "config/configloader.h"
#include "config/jsondocument.h"
#include "config/jsonschemavalidator.h"
#include "config/textedit.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace Gatehouse::Core;

namespace {

QByteArray readResource(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

std::shared_ptr<const JsonDocument> parseOrNull(const QByteArray &text)
{
    return JsonDocument::parse(text).document;
}

// The value at an RFC 6901 pointer; invalid when the path does not exist.
JsonValue resolve(const JsonDocument &doc, const QString &pointer)
{
    JsonValue v = doc.root();
    for (QString part : pointer.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        part.replace(QLatin1StringView("~1"), QLatin1StringView("/"));
        part.replace(QLatin1StringView("~0"), QLatin1StringView("~"));
        if (v.isArray()) {
            v = v.at(part.toInt());
            continue;
        }
        JsonValue found;
        for (const JsonValue m : v) {
            if (m.key() == part)
                found = m;
        }
        v = found;
        if (!v.isValid())
            break;
    }
    return v;
}

// A deliberate breakage of an example config, expressed on its parsed structure so the cases
// stay readable and survive reformatting of the examples.
struct Mutation
{
    enum Kind { ReplaceValue, RenameKey, RemoveMember } kind;
    QString pointer;
    QByteArray text; // new value (raw JSON) or new key (without quotes)
};

QByteArray mutate(const QByteArray &source, const Mutation &m)
{
    const auto doc = parseOrNull(source);
    if (!doc)
        return {};
    const JsonValue v = resolve(*doc, m.pointer);
    if (!v.isValid())
        return {};
    TextEdit edit;
    switch (m.kind) {
    case Mutation::ReplaceValue:
        edit = {v.offset(), v.length(), m.text};
        break;
    case Mutation::RenameKey:
        edit = {v.keyOffset(), v.keyLength(), QByteArray("\"") + m.text + "\""};
        break;
    case Mutation::RemoveMember: {
        // Take the member with the comma that separates it from a neighbour.
        JsonValue previous;
        for (JsonValue s = v.parent().firstChild(); s.isValid() && !(s == v); s = s.nextSibling())
            previous = s;
        const quint32 end = v.offset() + v.length();
        if (v.nextSibling().isValid())
            edit = {v.keyOffset(), v.nextSibling().keyOffset() - v.keyOffset(), {}};
        else if (previous.isValid())
            edit = {previous.offset() + previous.length(),
                    end - (previous.offset() + previous.length()),
                    {}};
        else
            edit = {v.keyOffset(), end - v.keyOffset(), {}};
        break;
    }
    }
    return applyTextEdits(source, {edit}).value_or(QByteArray());
}

QByteArray article()
{
    return readResource(QStringLiteral(":/examples/fgw-article.json"));
}

QStringList exampleFiles()
{
    QStringList files;
    const auto index = parseOrNull(readResource(QStringLiteral(":/examples/index.json")));
    if (!index)
        return files;
    for (const JsonValue entry : index->root())
        files << entry.member(QLatin1StringView("file")).toString();
    return files;
}

} // namespace

class TestSchema : public QObject
{
    Q_OBJECT
private:
    std::optional<JsonSchemaValidator> m_validator;

private slots:
    void initTestCase()
    {
        const auto schema
            = parseOrNull(readResource(QStringLiteral(":/schema/config.schema.json")));
        QVERIFY2(schema, "the embedded schema is not valid JSON");
        const JsonValue root = schema->root();
        QCOMPARE(root.member(QLatin1StringView("$schema")).toString(),
                 QStringLiteral("https://json-schema.org/draft/2020-12/schema"));
        QVERIFY(!root.member(QLatin1StringView("$id")).toString().isEmpty());
        QString error;
        m_validator = JsonSchemaValidator::create(schema, &error);
        QVERIFY2(m_validator, qPrintable(error));
    }

    // The UI's "New from example" menu is built from index.json: every entry needs a title, a
    // description and an embedded file, and no embedded example may be missing from it.
    void indexListsEveryExample()
    {
        const auto index = parseOrNull(readResource(QStringLiteral(":/examples/index.json")));
        QVERIFY(index);
        QStringList listed;
        for (const JsonValue entry : index->root()) {
            const QString file = entry.member(QLatin1StringView("file")).toString();
            QVERIFY2(!entry.member(QLatin1StringView("title")).toString().isEmpty(),
                     qPrintable(file));
            QVERIFY2(!entry.member(QLatin1StringView("description")).toString().isEmpty(),
                     qPrintable(file));
            QVERIFY2(QFile::exists(QStringLiteral(":/examples/") + file), qPrintable(file));
            listed << file;
        }
        QStringList embedded
            = QDir(QStringLiteral(":/examples")).entryList({QStringLiteral("*.json")});
        embedded.removeAll(QStringLiteral("index.json"));
        listed.sort();
        embedded.sort();
        QCOMPARE(listed, embedded);
        QVERIFY(listed.size() >= 6);
    }

    void examplesAreValid_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("deprecated"); // pointers of expected deprecation warnings
        const QStringList legacyHealthCheck = {
            QStringLiteral("/Services/backendService1/HealthCheck/Uri"),
            QStringLiteral("/Services/backendService1/HealthCheck/Matches/0/Type"),
            QStringLiteral("/Services/backendService1/HealthCheck/Matches/0/Value"),
        };
        for (const QString &file : exampleFiles())
            QTest::newRow(qPrintable(file))
                << file
                << (file == QLatin1StringView("fgw-article.json") ? legacyHealthCheck
                                                                  : QStringList());
    }

    void examplesAreValid()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, deprecated);
        const QByteArray text = readResource(QStringLiteral(":/examples/") + file);
        const auto doc = parseOrNull(text);
        QVERIFY2(doc, "example is not valid JSON");

        // The loader's half of the agreement: no errors (warnings are fine: the article's
        // config has legacy keys, and FGW surprises are worth telling about any config).
        const LoadResult loaded = ConfigLoader::load(text);
        QVERIFY(loaded.config);
        for (const Diagnostic &d : loaded.diagnostics)
            QVERIFY2(d.severity != Severity::Error, qPrintable(d.format(file)));
        QCOMPARE(loaded.withCode(u"legacy-key").isEmpty(), deprecated.isEmpty());

        QStringList warnings;
        for (const auto &f : m_validator->validate(doc->root())) {
            QVERIFY2(f.diagnostic.severity != Severity::Error,
                     qPrintable(f.pointer + QLatin1String(": ") + f.diagnostic.message));
            QCOMPARE(f.diagnostic.code, QStringLiteral("schema-deprecated"));
            // Deprecations point at the key, where an editor draws the strike-through.
            QCOMPARE(f.diagnostic.position, resolve(*doc, f.pointer).keyPosition());
            warnings << f.pointer;
        }
        QCOMPARE(warnings, deprecated);
    }

    void examplesUseDefaultChains_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : exampleFiles())
            QTest::newRow(qPrintable(file)) << file;
    }

    // A listener whose kind has no chain serves nothing on FGW, so every example but the
    // article's (kept verbatim) carries FGW's complete default chains.
    void examplesUseDefaultChains()
    {
        QFETCH(QString, file);
        if (file == QLatin1StringView("fgw-article.json"))
            QSKIP("the article's config is kept verbatim");
        const auto doc = parseOrNull(readResource(QStringLiteral(":/examples/") + file));
        QVERIFY(doc);
        const JsonValue chains = doc->root().member(QLatin1StringView("Chains"));
        QStringList kinds;
        for (const JsonValue c : chains)
            kinds << c.key();
        QCOMPARE(kinds,
                 (QStringList{QStringLiteral("HTTPRoute"), QStringLiteral("HTTPSRoute"),
                              QStringLiteral("TLSPassthrough"), QStringLiteral("TLSTerminate"),
                              QStringLiteral("TCPRoute"), QStringLiteral("UDPRoute")}));
        QCOMPARE(chains.member(QLatin1StringView("HTTPRoute")).size(), 23);
        QCOMPARE(chains.member(QLatin1StringView("HTTPSRoute")).at(2).toString(),
                 QStringLiteral("common/tls-termination.js"));
    }

    // The model's own fixtures: full-schema.json sets every field the loader reads, so a schema
    // that misses a key fails here; the FGW scenario configs carry the stale keys of FGW's test
    // suite, which both must flag at the same place (the loader as a warning: FGW ignores them).
    void loaderFixturesAgree_data()
    {
        QTest::addColumn<QString>("path");
        const QString data = QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/core/config/data");
        QTest::newRow("full-schema.json") << data + QStringLiteral("/full-schema.json");
        const QDir scenarios(data + QStringLiteral("/fgw-scenarios"));
        for (const QString &f : scenarios.entryList({QStringLiteral("*.json")}, QDir::Files))
            QTest::newRow(qPrintable(f)) << scenarios.filePath(f);
    }

    void loaderFixturesAgree()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray text = file.readAll();
        const auto doc = parseOrNull(text);
        QVERIFY(doc);
        const LoadResult loaded = ConfigLoader::load(text);
        for (const auto &f : m_validator->validate(doc->root())) {
            if (f.diagnostic.severity != Severity::Error)
                continue;
            QVERIFY2(f.keyword == QLatin1StringView("additionalProperties"),
                     qPrintable(f.pointer + QLatin1String(": ") + f.diagnostic.message));
            const bool warned = std::any_of(
                loaded.diagnostics.cbegin(), loaded.diagnostics.cend(), [&](const Diagnostic &d) {
                    return d.severity == Severity::Warning && d.position == f.diagnostic.position;
                });
            QVERIFY2(warned, qPrintable(f.pointer + QLatin1String(": ") + f.diagnostic.message
                                        + QLatin1String(" has no loader warning")));
        }
    }

    void brokenVariantsAreRejected_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expectedPointer");
        QTest::addColumn<QString>("keyword");
        QTest::addColumn<bool>("atKey");

        const QString article = QStringLiteral("fgw-article.json");
        const auto add = [](const char *name, const QString &file, Mutation::Kind kind,
                            const char *pointer, const QByteArray &text, const char *expected,
                            const char *keyword, bool atKey = false) {
            // moc takes a slash-star inside a string literal for a comment, so the catch-all
            // host "*" is written "@" in these pointers.
            const auto star = [](const char *p) {
                return QString::fromUtf8(p).replace(QLatin1Char('@'), QLatin1Char('*'));
            };
            QTest::newRow(name) << file << int(kind) << star(pointer) << text << star(expected)
                                << QString::fromUtf8(keyword) << atKey;
        };
        add("port is a string", article, Mutation::ReplaceValue, "/Listeners/0/Port", "\"8000\"",
            "/Listeners/0/Port", "type");
        add("port out of range", article, Mutation::ReplaceValue, "/Listeners/1/Port", "70000",
            "/Listeners/1/Port", "maximum");
        add("port zero", article, Mutation::ReplaceValue, "/Listeners/1/Port", "0",
            "/Listeners/1/Port", "minimum");
        add("listener without port", article, Mutation::RemoveMember, "/Listeners/0/Port", {},
            "/Listeners/0", "required");
        add("unknown protocol", article, Mutation::ReplaceValue, "/Listeners/0/Protocol",
            "\"HTTP3\"", "/Listeners/0/Protocol", "enum");
        add("route port out of range", article, Mutation::RenameKey, "/RouteRules/8000", "80000",
            "/RouteRules/80000", "additionalProperties", true);
        add("route port list with a word", article, Mutation::RenameKey, "/RouteRules/8000",
            "8000, http", "/RouteRules/8000, http", "additionalProperties", true);
        add("unknown Path.Type", article, Mutation::ReplaceValue,
            "/RouteRules/8000/@/Matches/0/Path/Type", "\"Glob\"",
            "/RouteRules/8000/@/Matches/0/Path/Type", "enum");
        add("Matches not an array", article, Mutation::ReplaceValue, "/RouteRules/8000/@/Matches",
            "{}", "/RouteRules/8000/@/Matches", "type");
        add("weight is a string", article, Mutation::ReplaceValue,
            "/Services/backendService1/Endpoints/127.0.0.1:8081/Weight", "\"100\"",
            "/Services/backendService1/Endpoints/127.0.0.1:8081/Weight", "type");
        add("missing Endpoints", article, Mutation::RemoveMember,
            "/Services/backendService1/Endpoints", {}, "/Services/backendService1", "required");
        add("endpoint without port", article, Mutation::RenameKey,
            "/Services/backendService1/Endpoints/127.0.0.1:8082", "127.0.0.1",
            "/Services/backendService1/Endpoints/127.0.0.1", "additionalProperties", true);
        add("unknown algorithm", QStringLiteral("load-balancer.json"), Mutation::ReplaceValue,
            "/Services/api/Algorithm", "\"RandomLoadBalancer\"", "/Services/api/Algorithm", "enum");
        add("sticky cookie expiry is text", QStringLiteral("sticky-sessions.json"),
            Mutation::ReplaceValue, "/Services/shop/StickyCookieExpires", "\"1h\"",
            "/Services/shop/StickyCookieExpires", "type");
        add("status code list holds text", QStringLiteral("health-checks.json"),
            Mutation::ReplaceValue, "/Services/app/HealthCheck/Matches/0/StatusCodes/1", "\"2xx\"",
            "/Services/app/HealthCheck/Matches/0/StatusCodes/1", "type");
        add("MaxFails is text", QStringLiteral("health-checks.json"), Mutation::ReplaceValue,
            "/Services/postgres/HealthCheck/MaxFails", "\"2\"",
            "/Services/postgres/HealthCheck/MaxFails", "type");
        add("TCP route weight is text", QStringLiteral("health-checks.json"),
            Mutation::ReplaceValue, "/RouteRules/5432/postgres", "true",
            "/RouteRules/5432/postgres", "type");
        add("chain is a string", QStringLiteral("static-site.json"), Mutation::ReplaceValue,
            "/Chains/HTTPRoute", "\"http/route.js\"", "/Chains/HTTPRoute", "type");
        add("listener address is not ip:port", QStringLiteral("health-checks.json"),
            Mutation::ReplaceValue, "/Listeners/1/Listen", "\"localhost\"", "/Listeners/1/Listen",
            "anyOf");
        add("virtual host rule is a number", QStringLiteral("virtual-hosts.json"),
            Mutation::ReplaceValue, "/RouteRules/8080, 8081/api.example.com/Matches/0", "1",
            "/RouteRules/8080, 8081/api.example.com/Matches/0", "type");
        add("document is an array", article, Mutation::ReplaceValue, "", "[]", "", "type");
    }

    void brokenVariantsAreRejected()
    {
        QFETCH(QString, file);
        QFETCH(int, kind);
        QFETCH(QString, pointer);
        QFETCH(QByteArray, text);
        QFETCH(QString, expectedPointer);
        QFETCH(QString, keyword);
        QFETCH(bool, atKey);

        const QByteArray broken = mutate(readResource(QStringLiteral(":/examples/") + file),
                                         {Mutation::Kind(kind), pointer, text});
        QVERIFY2(!broken.isEmpty(), "the mutation does not apply to the example");
        const auto doc = parseOrNull(broken);
        QVERIFY2(doc, "the mutation must keep the JSON well-formed");

        // Both halves must refuse it: the loader with an error diagnostic.
        const LoadResult loaded = ConfigLoader::load(broken);
        QVERIFY2(loaded.hasErrors(), "the loader accepts a config the schema refuses");

        const auto findings = m_validator->validate(doc->root());
        QList<JsonSchemaValidator::Finding> errors;
        for (const auto &f : findings) {
            if (f.diagnostic.severity == Severity::Error)
                errors << f;
        }
        QVERIFY(!m_validator->isValid(doc->root()));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().pointer, expectedPointer);
        QCOMPARE(errors.first().keyword, keyword);
        const JsonValue at = resolve(*doc, expectedPointer);
        QVERIFY(at.isValid());
        QCOMPARE(errors.first().diagnostic.position, atKey ? at.keyPosition() : at.position());
        QVERIFY(!errors.first().diagnostic.message.isEmpty());
    }

    // FGW reads an unknown RouteType as HTTP, so the loader only warns; the schema's enum
    // refuses it so an editor offers the three real values. Both point at the same value.
    void unknownRouteTypeIsAWarningForTheLoader()
    {
        // "*" spelt "@", see brokenVariantsAreRejected_data().
        const QString pointer = QStringLiteral("/RouteRules/8000/@/RouteType")
                                    .replace(QLatin1Char('@'), QLatin1Char('*'));
        const QByteArray broken = mutate(article(), {Mutation::ReplaceValue, pointer, "\"HTTP3\""});
        const auto doc = parseOrNull(broken);
        QVERIFY(doc);
        QList<JsonSchemaValidator::Finding> findings; // errors; the article also has deprecations
        for (const auto &f : m_validator->validate(doc->root())) {
            if (f.diagnostic.severity == Severity::Error)
                findings << f;
        }
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().keyword, QStringLiteral("enum"));
        const LoadResult loaded = ConfigLoader::load(broken);
        QVERIFY(!loaded.hasErrors());
        const bool warned = std::any_of(
            loaded.diagnostics.cbegin(), loaded.diagnostics.cend(), [&](const Diagnostic &d) {
                return d.position == findings.first().diagnostic.position;
            });
        QVERIFY(warned);
    }

    // FGW ignores unknown keys; the schema flags them so an editor shows typos at once.
    void typoIsFlaggedAtTheKey()
    {
        const QByteArray broken = mutate(
            readResource(QStringLiteral(":/examples/sticky-sessions.json")),
            {Mutation::RenameKey, QStringLiteral("/Services/shop/HealthCheck"), "HealthCheck0"});
        const auto doc = parseOrNull(broken);
        QVERIFY(doc);
        const auto findings = m_validator->validate(doc->root());
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().diagnostic.message,
                 QStringLiteral("Unknown key \"HealthCheck0\""));
        QCOMPARE(findings.first().diagnostic.position,
                 resolve(*doc, QStringLiteral("/Services/shop/HealthCheck0")).keyPosition());
    }

    void filterVariantsPickTheRightBranch()
    {
        const QByteArray config = R"({"RouteRules": {"80": {"*": {"Matches": [{"Filters": [
            {"Type": "RequestHeaderModifier", "RequestHeaderModifier": {"Set": [{"Name": "a", "Value": "b"}]}},
            {"Type": "URLRewrite", "UrlRewrite": {"Path": {"Type": "ReplacePrefixMatch", "ReplacePrefixMatch": "/"}}},
            {"Type": "RequestRedirect", "RequestRedirect": {"StatusCode": 301}},
            {"Type": "Teleport", "Teleport": {}}
        ]}]}}}})";
        const auto doc = parseOrNull(config);
        QVERIFY(doc);
        const auto findings = m_validator->validate(doc->root());
        QStringList got;
        for (const auto &f : findings) // "*" spelt "@", see brokenVariantsAreRejected_data()
            got << QString(f.pointer + QLatin1Char(' ') + f.keyword)
                       .replace(QLatin1Char('*'), QLatin1Char('@'));
        QCOMPARE(
            got,
            (QStringList{
                QStringLiteral("/RouteRules/80/@/Matches/0/Filters/2/RequestRedirect required"),
                QStringLiteral("/RouteRules/80/@/Matches/0/Filters/3 oneOf"),
            }));
    }

    // moc (Qt 6.4) does not understand raw string literals: those holding "//", "#" or an
    // unbalanced "(" make it skip the class, so such JSON is written with escapes here.
    void refusesUnsupportedSchemas_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QString>("fragment");
        QTest::addRow("unknown keyword") << QByteArray(R"({"if": {"type": "string"}})")
                                         << QStringLiteral("unsupported keyword \"if\"");
        QTest::addRow("remote ref") << QByteArray("{\"$ref\": \"https:\\/\\/example.com/s.json\"}")
                                    << QStringLiteral("only local references");
        QTest::addRow("dangling ref") << QByteArray("{\"$ref\": \"\\u0023/$defs/Nope\"}")
                                      << QStringLiteral("unresolved reference");
        QTest::addRow("bad pattern")
            << QByteArray("{\"pattern\": \"\\u0028[\"}") << QStringLiteral("invalid pattern");
        QTest::addRow("nested unknown keyword")
            << QByteArray("{\n  \"properties\": {\"a\": {\"format\": \"uri\"}}\n}")
            << QStringLiteral("line 2, column 24: unsupported keyword \"format\"");
    }

    void refusesUnsupportedSchemas()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QString, fragment);
        QString error;
        QVERIFY(!JsonSchemaValidator::create(parseOrNull(schema), &error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
    }

    void coreKeywords_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QByteArray>("instance");
        QTest::addColumn<bool>("valid");
        QTest::addRow("integer accepts 2.0")
            << QByteArray(R"({"type": "integer"})") << QByteArray("2.0") << true;
        QTest::addRow("integer refuses 2.5")
            << QByteArray(R"({"type": "integer"})") << QByteArray("2.5") << false;
        QTest::addRow("type list")
            << QByteArray(R"({"type": ["string", "null"]})") << QByteArray("null") << true;
        QTest::addRow("const object") << QByteArray(R"({"const": {"a": [1, "x"]}})")
                                      << QByteArray(R"({"a": [1.0, "x"]})") << true;
        QTest::addRow("enum miss")
            << QByteArray(R"({"enum": [1, "a"]})") << QByteArray(R"("b")") << false;
        QTest::addRow("minLength counts code points")
            << QByteArray(R"({"minLength": 2})") << QByteArray("\"\xF0\x9F\x98\x80\"") << false;
        QTest::addRow("prefixItems then items")
            << QByteArray(R"({"prefixItems": [{"type": "string"}], "items": {"type": "integer"}})")
            << QByteArray(R"(["a", 1, 2])") << true;
        QTest::addRow("prefixItems wrong")
            << QByteArray(R"({"prefixItems": [{"type": "string"}], "items": {"type": "integer"}})")
            << QByteArray(R"([1, 1])") << false;
        QTest::addRow("oneOf both")
            << QByteArray(R"({"oneOf": [{"type": "integer"}, {"type": "number"}]})")
            << QByteArray("1") << false;
        QTest::addRow("not") << QByteArray(R"({"not": {"type": "string"}})") << QByteArray("\"s\"")
                             << false;
        QTest::addRow("exclusiveMaximum")
            << QByteArray(R"({"exclusiveMaximum": 1})") << QByteArray("1") << false;
        QTest::addRow("ref to root")
            << QByteArray("{\"type\": \"array\", \"items\": {\"$ref\": \"\\u0023\"}}")
            << QByteArray("[[], [[]]]") << true;
        QTest::addRow("ref to root refuses")
            << QByteArray("{\"type\": \"array\", \"items\": {\"$ref\": \"\\u0023\"}}")
            << QByteArray("[[], [1]]") << false;
        QTest::addRow("false schema")
            << QByteArray(R"({"properties": {"a": false}})") << QByteArray(R"({"a": 1})") << false;
        QTest::addRow("minItems") << QByteArray(R"({"minItems": 1})") << QByteArray("[]") << false;
        // Keys are matched on their decoded value, escapes or not; of duplicates the last counts.
        const QByteArray closed = "{\"properties\": {\"ab\": {\"type\": \"integer\"}}, "
                                  "\"required\": [\"ab\"], \"additionalProperties\": false}";
        QTest::addRow("escaped key") << closed << QByteArray("{\"a\\u0062\": 1}") << true;
        QTest::addRow("escaped key, wrong type")
            << closed << QByteArray("{\"a\\u0062\": \"x\"}") << false;
        QTest::addRow("last duplicate counts")
            << closed << QByteArray("{\"ab\": \"x\", \"a\\u0062\": 1}") << true;
        QTest::addRow("last duplicate refused")
            << closed << QByteArray("{\"ab\": 1, \"ab\": \"x\"}") << false;
        QTest::addRow("required missing") << closed << QByteArray("{}") << false;
    }

    void coreKeywords()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QByteArray, instance);
        QFETCH(bool, valid);
        QString error;
        const auto validator = JsonSchemaValidator::create(parseOrNull(schema), &error);
        QVERIFY2(validator, qPrintable(error));
        const auto doc = parseOrNull(instance);
        QVERIFY(doc);
        QCOMPARE(validator->isValid(doc->root()), valid);
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
