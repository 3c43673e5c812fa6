#include "routetesterview.h"

#include "engine/compiledconfig.h"
#include "engine/routeexplainer.h"

#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

namespace {

Core::RouteExplainer::Headers parseHeaders(const QString &text)
{
    Core::RouteExplainer::Headers headers;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
            continue;
        headers.append({line.left(colon).trimmed().toUtf8(), line.mid(colon + 1).trimmed().toUtf8()});
    }
    return headers;
}

QString levelName(Core::RouteStep::Level level)
{
    switch (level) {
    case Core::RouteStep::Level::Listener: return RouteTesterView::tr("Listener");
    case Core::RouteStep::Level::Host: return RouteTesterView::tr("Host");
    case Core::RouteStep::Level::Match: return RouteTesterView::tr("Match");
    case Core::RouteStep::Level::Static: return RouteTesterView::tr("Static");
    case Core::RouteStep::Level::Service: return RouteTesterView::tr("Service");
    case Core::RouteStep::Level::Endpoint: return RouteTesterView::tr("Endpoint");
    }
    return {};
}

} // namespace

RouteTesterView::RouteTesterView(QWidget *parent)
    : QWidget(parent)
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_headers(new QPlainTextEdit(this))
    , m_explain(new QPushButton(this))
    , m_send(new QPushButton(this))
    , m_steps(new QTreeWidget(this))
    , m_outcome(new QLabel(this))
    , m_response(new QPlainTextEdit(this))
{
    m_method->setEditable(true);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("DELETE"),
                        QStringLiteral("HEAD"), QStringLiteral("PATCH"), QStringLiteral("OPTIONS")});
    m_url->setText(QStringLiteral("http://localhost:8000/"));
    m_headers->setMaximumHeight(m_headers->fontMetrics().height() * 4 + 10);
    m_steps->setColumnCount(3);
    m_steps->setRootIsDecorated(false);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_steps->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_response->setReadOnly(true);
    m_response->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *requestRow = new QHBoxLayout;
    requestRow->addWidget(m_method);
    requestRow->addWidget(m_url, 1);
    requestRow->addWidget(m_explain);
    requestRow->addWidget(m_send);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_steps, 1);
    leftLayout->addWidget(m_outcome);
    splitter->addWidget(left);
    splitter->addWidget(m_response);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(requestRow);
    layout->addWidget(m_headers);
    layout->addWidget(splitter, 1);

    connect(m_explain, &QPushButton::clicked, this, &RouteTesterView::explain);
    connect(m_url, &QLineEdit::returnPressed, this, &RouteTesterView::explain);
    connect(m_send, &QPushButton::clicked, this, &RouteTesterView::send);
    retranslateUi();
}

void RouteTesterView::retranslateUi()
{
    m_url->setPlaceholderText(tr("URL, e.g. http://localhost:8000/api/orders?id=1"));
    m_headers->setPlaceholderText(tr("Headers, one per line: Cookie: _srv_id=8153145845723989"));
    m_explain->setText(tr("Explain"));
    m_send->setText(tr("Send"));
    m_steps->setHeaderLabels({tr("Step"), tr("Candidate"), tr("Why")});
}

void RouteTesterView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RouteTesterView::setRequest(const QString &method, const QString &url, const QString &headers)
{
    m_method->setCurrentText(method);
    m_url->setText(url);
    m_headers->setPlainText(headers);
}

bool RouteTesterView::explain()
{
    m_steps->clear();
    const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
    if (!url.isValid() || url.host().isEmpty()) {
        m_outcome->setText(tr("Type a URL such as http://localhost:8000/path."));
        return false;
    }
    const std::shared_ptr<const Core::CompiledConfig> config = m_provider ? m_provider() : nullptr;
    if (!config) {
        m_outcome->setText(tr("The config has errors; fix them to test routes."));
        return false;
    }
    const int port = url.port(80);
    Core::RouteExplainer::Headers headers = parseHeaders(m_headers->toPlainText());
    const bool hasHost = std::any_of(headers.cbegin(), headers.cend(),
                                     [](const auto &h) { return h.first.compare("host", Qt::CaseInsensitive) == 0; });
    if (!hasHost)
        headers.prepend({"Host", (url.host() + (url.port() > 0 ? u':' + QString::number(url.port()) : QString())).toUtf8()});
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    const Core::RouteExplanation e = Core::RouteExplainer::explain(*config, port, m_method->currentText().toUtf8(), target, headers);
    for (const Core::RouteStep &s : e.steps) {
        auto *item = new QTreeWidgetItem(m_steps, {levelName(s.level), s.subject, s.reason});
        item->setIcon(0, style()->standardIcon(s.taken ? QStyle::SP_DialogApplyButton : QStyle::SP_DialogCancelButton));
        item->setToolTip(2, s.reason);
    }
    m_outcome->setText(QStringLiteral("<b>%1</b>").arg(e.outcome.toHtmlEscaped()));
    m_bindPort = e.bindPort;
    return true;
}

void RouteTesterView::send()
{
    if (!explain() || !m_bindPort)
        return;
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    const QUrl typed = QUrl::fromUserInput(m_url->text().trimmed());
    // Connect to the listener that serves it, keeping the Host the user typed.
    QUrl url = typed;
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_bindPort);
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    request.setRawHeader("Host", (typed.host() + (typed.port() > 0 ? u':' + QString::number(typed.port()) : QString())).toUtf8());
    for (const auto &[name, value] : parseHeaders(m_headers->toPlainText()))
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network->sendCustomRequest(request, m_method->currentText().toUtf8());
    m_response->setPlainText(tr("Sending..."));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        QString text;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            text = tr("No response: %1").arg(reply->errorString());
        } else {
            text = QStringLiteral("HTTP %1 %2\n").arg(status).arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
            for (const auto &[name, value] : reply->rawHeaderPairs())
                text += QString::fromUtf8(name + ": " + value) + u'\n';
            const QByteArray body = reply->read(64 * 1024);
            text += u'\n' + QString::fromUtf8(body);
            if (!reply->atEnd())
                text += u'\n' + tr("(only the first 64 KiB shown)");
        }
        m_response->setPlainText(text);
        emit responseShown();
    });
}

} // namespace Gatehouse::Ui
