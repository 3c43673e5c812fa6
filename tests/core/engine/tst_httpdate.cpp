#include "engine/httpdate.h"

#include <QDateTime>
#include <QTest>

using namespace Gatehouse::Core;

class tst_HttpDate : public QObject
{
    Q_OBJECT

private slots:
    void format_data();
    void format();
    void matchesQDateTime();
    void parse_data();
    void parse();
};

void tst_HttpDate::format_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("rfc9110 example")
        << Q_INT64_C(784111777) << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT");
    QTest::newRow("epoch") << Q_INT64_C(0) << QByteArray("Thu, 01 Jan 1970 00:00:00 GMT");
    QTest::newRow("leap day") << Q_INT64_C(951782400)
                              << QByteArray("Tue, 29 Feb 2000 00:00:00 GMT");
    QTest::newRow("before epoch") << Q_INT64_C(-1) << QByteArray("Wed, 31 Dec 1969 23:59:59 GMT");
    QTest::newRow("fgw pads day with a space, we do not")
        << Q_INT64_C(1691107200) << QByteArray("Fri, 04 Aug 2023 00:00:00 GMT");
}

void tst_HttpDate::format()
{
    QFETCH(qint64, seconds);
    QFETCH(QByteArray, expected);
    char buf[ImfFixdateLength];
    const std::string_view s = formatImfFixdate(seconds, buf);
    QCOMPARE(QByteArray(s.data(), qsizetype(s.size())), expected);
}

void tst_HttpDate::matchesQDateTime()
{
    // Every 7919 hours over ~150 years: our arithmetic against Qt's calendar.
    for (qint64 t = -2208988800; t < 2524608000; t += 7919 * 3600 + 17) {
        char buf[ImfFixdateLength];
        const std::string_view s = formatImfFixdate(t, buf);
        const QString qt = QLocale::c().toString(QDateTime::fromSecsSinceEpoch(t, Qt::UTC),
                                                 QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
        QCOMPARE(QString::fromLatin1(s.data(), qsizetype(s.size())), qt);
        QCOMPARE(parseHttpDate(s), std::optional<qint64>(t));
    }
}

void tst_HttpDate::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("expected"); // -1: invalid
    QTest::newRow("imf") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << Q_INT64_C(784111777);
    QTest::newRow("rfc850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << Q_INT64_C(784111777);
    QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << Q_INT64_C(784111777);
    QTest::newRow("padded") << QByteArray("  Sun, 06 Nov 1994 08:49:37 GMT ")
                            << Q_INT64_C(784111777);
    QTest::newRow("bad month") << QByteArray("Sun, 06 Nox 1994 08:49:37 GMT") << Q_INT64_C(-1);
    QTest::newRow("bad day") << QByteArray("Sun, 31 Nov 1994 08:49:37 GMT") << Q_INT64_C(-1);
    QTest::newRow("not leap") << QByteArray("Sun, 29 Feb 1900 08:49:37 GMT") << Q_INT64_C(-1);
    QTest::newRow("bad hour") << QByteArray("Sun, 06 Nov 1994 24:49:37 GMT") << Q_INT64_C(-1);
    QTest::newRow("not gmt") << QByteArray("Sun, 06 Nov 1994 08:49:37 CET") << Q_INT64_C(-1);
    QTest::newRow("fgw space-padded day")
        << QByteArray("Fri,  4 Aug 2023 00:00:00 GMT") << Q_INT64_C(-1);
    QTest::newRow("empty") << QByteArray() << Q_INT64_C(-1);
    QTest::newRow("garbage") << QByteArray("yesterday") << Q_INT64_C(-1);
}

void tst_HttpDate::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, expected);
    const auto parsed = parseHttpDate(std::string_view(text.constData(), size_t(text.size())));
    if (expected < 0)
        QVERIFY(!parsed);
    else
        QCOMPARE(parsed, std::optional<qint64>(expected));
}

QTEST_GUILESS_MAIN(tst_HttpDate)
#include "tst_httpdate.moc"
