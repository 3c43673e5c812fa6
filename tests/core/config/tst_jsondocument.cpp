#include "config/jsondocument.h"
#include "config/textedit.h"

#include <QtTest>

using namespace Gatehouse::Core;

class TestJsonDocument : public QObject
{
    Q_OBJECT
private slots:
    void positionsAcrossTheSparseLineIndex()
    {
        // The line index keeps only every 16th line start; every position must still be exact.
        QByteArray text = "[\n";
        for (int i = 0; i < 100; ++i)
            text += QByteArray(i % 7, ' ') + "\"l\u00e9" + QByteArray::number(i) + "\"" + (i < 99 ? ",\n" : "\n");
        text += "]";
        const auto r = JsonDocument::parse(text);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        for (quint32 offset = 0; offset <= quint32(text.size()); ++offset) {
            // Reference: count line breaks, then code points since the last one.
            const QByteArrayView before(text.constData(), offset);
            const qsizetype lineStart = before.lastIndexOf('\n') + 1;
            int column = 1;
            for (qsizetype i = lineStart; i < qsizetype(offset); ++i)
                column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
            const TextPosition expected{int(before.count('\n')) + 1, column};
            QCOMPARE(r.document->positionOf(offset), expected);
            if (offset == quint32(text.size()) || (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80)
                QCOMPARE(r.document->offsetOf(expected), offset);
        }
        QCOMPARE(r.document->offsetOf({200, 1}), quint32(text.size()));
        QCOMPARE(r.document->root().at(40).position(), (TextPosition{42, 6}));
    }

    void parsesValuesWithPositions()
    {
        const QByteArray text = "{\n  \"a\": [1, 2.5, -3e2],\n  \"b\": {\"c\": \"x\\ny\", \"d\": true, \"e\": null}\n}\n";
        const auto r = JsonDocument::parse(text);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const JsonValue root = r.document->root();
        QVERIFY(root.isObject());
        QCOMPARE(root.size(), 2);
        const JsonValue a = root.member(QLatin1StringView("a"));
        QVERIFY(a.isArray());
        QCOMPARE(a.size(), 3);
        QCOMPARE(a.keyPosition(), (TextPosition{2, 3}));
        QCOMPARE(a.position(), (TextPosition{2, 8}));
        QVERIFY(a.at(0).isInteger());
        QCOMPARE(a.at(0).toInt64(), 1);
        QVERIFY(!a.at(1).isInteger());
        QCOMPARE(a.at(1).toDouble(), 2.5);
        QCOMPARE(a.at(2).toDouble(), -300.0);
        const JsonValue b = root.member(QLatin1StringView("b"));
        QCOMPARE(b.member(QLatin1StringView("c")).toString(), QStringLiteral("x\ny"));
        QVERIFY(b.member(QLatin1StringView("d")).toBool());
        QVERIFY(b.member(QLatin1StringView("e")).isNull());
        QCOMPARE(b.member(QLatin1StringView("c")).position(), (TextPosition{3, 14}));
        QCOMPARE(b.member(QLatin1StringView("c")).parent(), b);
        QVERIFY(!b.member(QLatin1StringView("zz")).isValid());
    }

    void keepsOrderAndDuplicates()
    {
        const auto r = JsonDocument::parse("{\"z\":1,\"a\":2,\"z\":3}");
        QVERIFY(r.ok());
        QStringList keys;
        for (const JsonValue m : r.document->root())
            keys << m.key();
        QCOMPARE(keys, (QStringList{QStringLiteral("z"), QStringLiteral("a"), QStringLiteral("z")}));
        // Like JSON.parse (and so FGW), the last duplicate wins.
        QCOMPARE(r.document->root().member(QLatin1StringView("z")).toInt64(), 3);
    }

    void unicodeColumnsAndEscapes()
    {
        const auto r = JsonDocument::parse(QByteArray("{\"名前\": \"\\u00e9\\ud83d\\ude00\", \"k\": 1}"));
        QVERIFY(r.ok());
        const JsonValue v = r.document->root().firstChild();
        QCOMPARE(v.key(), QStringLiteral("名前"));
        QCOMPARE(v.toString(), QString::fromUtf8("é😀"));
        // Columns count code points, not bytes: "k" starts at column 30.
        QCOMPARE(v.nextSibling().keyPosition(), (TextPosition{1, 30}));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("fragment");
        QTest::addRow("empty") << QByteArray("  ") << 1 << 3 << QStringLiteral("empty");
        QTest::addRow("trailing comma") << QByteArray("{\n  \"a\": 1,\n}") << 3 << 1 << QStringLiteral("Trailing comma");
        QTest::addRow("missing colon") << QByteArray("{\"a\" 1}") << 1 << 6 << QStringLiteral("':'");
        QTest::addRow("unterminated string") << QByteArray("{\"a\": \"abc\n}") << 1 << 7 << QStringLiteral("Unterminated string");
        QTest::addRow("bad escape") << QByteArray("[\"a\\x\"]") << 1 << 4 << QStringLiteral("escape");
        QTest::addRow("leading zero") << QByteArray("[01]") << 1 << 2 << QStringLiteral("leading zeros");
        QTest::addRow("comment") << QByteArray("{\n // hi\n}") << 2 << 2 << QStringLiteral("Comments");
        QTest::addRow("garbage after") << QByteArray("{} x") << 1 << 4 << QStringLiteral("after the end");
        QTest::addRow("unclosed object") << QByteArray("{\"a\": [1, 2]") << 1 << 1 << QStringLiteral("'}' is missing");
        QTest::addRow("bad utf8") << QByteArray("[\"\xC3\x28\"]") << 1 << 3 << QStringLiteral("UTF-8");
        QTest::addRow("single quotes") << QByteArray("{'a': 1}") << 1 << 2 << QStringLiteral("double quotes");
        QTest::addRow("True") << QByteArray("[True]") << 1 << 2 << QStringLiteral("expected a value");
        QTest::addRow("control char") << QByteArray("[\"a\tb\"]") << 1 << 4 << QStringLiteral("Control character");
        QTest::addRow("too deep") << QByteArray(300, '[') << 1 << 257 << QStringLiteral("deeper");
    }

    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, fragment);
        const auto r = JsonDocument::parse(text);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.message.contains(fragment), qPrintable(r.error.message));
        QCOMPARE(r.error.position, (TextPosition{line, column}));
    }

    void serializeKeepsSpellingAndOrder()
    {
        const QByteArray text = "{\"b\":1.50,\"a\":[\"\\u0041\",{}],\"b\":[]}";
        const auto r = JsonDocument::parse(text);
        QVERIFY(r.ok());
        QCOMPARE(JsonDocument::serialize(r.document->root(), JsonDocument::Format::Compact), text);
        const QByteArray pretty = JsonDocument::serialize(r.document->root());
        QCOMPARE(pretty, QByteArray("{\n  \"b\": 1.50,\n  \"a\": [\n    \"\\u0041\",\n    {}\n  ],\n  \"b\": []\n}\n"));
        const auto again = JsonDocument::parse(pretty);
        QVERIFY(again.ok());
        QCOMPARE(JsonDocument::serialize(again.document->root(), JsonDocument::Format::Compact), text);
    }

    void offsetsRoundTrip()
    {
        const auto r = JsonDocument::parse("{\n  \"é\": 1,\n  \"x\": 2\n}");
        QVERIFY(r.ok());
        for (const JsonValue m : r.document->root()) {
            QCOMPARE(r.document->offsetOf(m.keyPosition()), m.keyOffset());
            QCOMPARE(r.document->offsetOf(m.position()), m.offset());
        }
    }

    void textEdits()
    {
        const QByteArray text = "{\"Uri\": \"/\"}";
        auto out = applyTextEdits(text, {{9, 1, "/health"}, {1, 5, "\"Path\""}});
        QVERIFY(out);
        QCOMPARE(*out, QByteArray("{\"Path\": \"/health\"}"));
        QVERIFY(!applyTextEdits(text, {{1, 5, "x"}, {3, 2, "y"}})); // overlap
        QVERIFY(!applyTextEdits(text, {{10, 10, "x"}}));            // past the end
    }
};

QTEST_GUILESS_MAIN(TestJsonDocument)
#include "tst_jsondocument.moc"
