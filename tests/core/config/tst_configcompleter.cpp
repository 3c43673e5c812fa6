// Completion proposals at realistic cursor positions, on half-typed text.
#include "config/configcompleter.h"
#include "config/configloader.h"

#include <QtTest>

using namespace Gatehouse::Core;

namespace {
// Splits "text with | as the cursor" into the text and the cursor's byte offset.
std::pair<QByteArray, quint32> at(const char *withCursor)
{
    QByteArray text(withCursor);
    const auto cursor = quint32(text.indexOf('|'));
    text.remove(cursor, 1);
    return {text, cursor};
}

QStringList labels(const ConfigCompleter::Result &r)
{
    QStringList out;
    for (const CompletionItem &i : r.items)
        out << i.label;
    return out;
}

const QByteArray kNames = "{\n"
"  \"Listeners\": [{\"Protocol\": \"HTTP\", \"Port\": 8000}, {\"Protocol\": \"HTTP\", \"Port\": 9000}],\n"
"  \"Services\": {\"backendService1\": {\"Endpoints\": {\"127.0.0.1:1\": {\"Weight\": 1}}},\n"
"               \"api\": {\"Endpoints\": {\"127.0.0.1:2\": {\"Weight\": 1}}}}\n"
"}";
} // namespace

class TestConfigCompleter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(ConfigCompleter::fgw().isValid());
        m_names = ConfigLoader::load(kNames).config;
        QVERIFY(m_names);
    }

    void topLevelKeys()
    {
        const auto [text, cursor] = at("{\n  \"Li|\n}");
        const auto r = ConfigCompleter::fgw().complete(text, cursor, nullptr);
        QCOMPARE(labels(r), QStringList{QStringLiteral("Listeners")});
        QCOMPARE(r.items.first().insertText, QStringLiteral("\"Listeners\": []"));
        QCOMPARE(r.replaceStart, quint32(text.indexOf('"')));
        QVERIFY(!r.items.first().detail.isEmpty());
    }

    void keysAlreadyPresentAreNotProposed()
    {
        const auto [text, cursor] = at("{\"Services\": {\"s\": {\"Endpoints\": {}, |}}}");
        const QStringList l = labels(ConfigCompleter::fgw().complete(text, cursor, nullptr));
        QVERIFY(l.contains(QStringLiteral("StickyCookieName")));
        QVERIFY(l.contains(QStringLiteral("HealthCheck")));
        QVERIFY(!l.contains(QStringLiteral("Endpoints")));
    }

    void nestedKeysThroughRefs()
    {
        const auto [text, cursor] = at("{\"Services\": {\"s\": {\"HealthCheck\": {\"Ma|");
        const QStringList l = labels(ConfigCompleter::fgw().complete(text, cursor, nullptr));
        QVERIFY2(l.contains(QStringLiteral("MaxFails")), qPrintable(l.join(u',')));
        QVERIFY(l.contains(QStringLiteral("Matches")));
        QVERIFY(!l.contains(QStringLiteral("Interval")));
    }

    void enumValues()
    {
        {
            const auto [text, cursor] = at("{\"Listeners\": [{\"Protocol\": \"|\"}]}");
            const auto r = ConfigCompleter::fgw().complete(text, cursor, nullptr);
            const QStringList l = labels(r);
            QVERIFY2(l.contains(QStringLiteral("HTTP")) && l.contains(QStringLiteral("UDP")), qPrintable(l.join(u',')));
            // The editor's closing quote is replaced too, so the result stays one string.
            QCOMPARE(r.replaceEnd, cursor + 1);
        }
        {
            const auto [text, cursor] = at("{\"Services\": {\"s\": {\"Algorithm\": \"Ha|");
            QCOMPARE(labels(ConfigCompleter::fgw().complete(text, cursor, nullptr)),
                     QStringList{QStringLiteral("HashingLoadBalancer")});
        }
        {
            const auto [text, cursor] = at("{\"RouteRules\": {\"80\": {\"*\": {\"Matches\": [{\"Path\": {\"Type\": \"|");
            const QStringList l = labels(ConfigCompleter::fgw().complete(text, cursor, nullptr));
            QVERIFY2(l.contains(QStringLiteral("Prefix")) && l.contains(QStringLiteral("Regex")), qPrintable(l.join(u',')));
        }
    }

    void serviceNamesInsideBackendService()
    {
        const auto [text, cursor] = at("{\"RouteRules\": {\"8000\": {\"*\": {\"Matches\": [{\"BackendService\": {\"ba|");
        const auto r = ConfigCompleter::fgw().complete(text, cursor, m_names.get());
        QCOMPARE(labels(r), QStringList{QStringLiteral("backendService1")});
        QCOMPARE(r.items.first().insertText, QStringLiteral("\"backendService1\": "));
    }

    void listenerPortsAsRouteRulesKeys()
    {
        const auto [text, cursor] = at("{\"RouteRules\": {\"8000\": {}, |}}");
        QCOMPARE(labels(ConfigCompleter::fgw().complete(text, cursor, m_names.get())),
                 QStringList{QStringLiteral("9000")});
    }

    void chainModules()
    {
        const auto [text, cursor] = at("{\"Chains\": {\"HTTPRoute\": [\"http/co|");
        const QStringList l = labels(ConfigCompleter::fgw().complete(text, cursor, nullptr));
        QVERIFY2(l.contains(QStringLiteral("http/codec.js")), qPrintable(l.join(u',')));
    }

    void legacyKeysAreNeverProposed()
    {
        const auto [text, cursor] = at("{\"Services\": {\"s\": {\"HealthCheck\": {\"|");
        const QStringList l = labels(ConfigCompleter::fgw().complete(text, cursor, nullptr));
        QVERIFY(l.contains(QStringLiteral("Path")));
        QVERIFY(!l.contains(QStringLiteral("Uri")));
    }

    void nothingOutsideTheDocument()
    {
        QVERIFY(ConfigCompleter::fgw().complete("", 0, nullptr).items.isEmpty());
        QVERIFY(ConfigCompleter::fgw().complete("{}", 2, nullptr).items.isEmpty());
    }

private:
    std::shared_ptr<const Config> m_names;
};

QTEST_GUILESS_MAIN(TestConfigCompleter)
#include "tst_configcompleter.moc"
