#include "requestlogview.h"

#include "models/requestexport.h"
#include "models/requestlogfiltermodel.h"
#include "models/requestlogmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCompleter>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QStringListModel>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

RequestLogView::RequestLogView(QWidget *parent)
    : QWidget(parent)
    , m_model(new RequestLogModel(RequestLogModel::DefaultCapacity, this))
    , m_filterModel(new RequestLogFilterModel(m_model, this))
    , m_filter(new QLineEdit(this))
    , m_pause(new QToolButton(this))
    , m_follow(new QToolButton(this))
    , m_clear(new QToolButton(this))
    , m_export(new QToolButton(this))
    , m_exportHar(new QAction(this))
    , m_exportCsv(new QAction(this))
    , m_status(new QLabel(this))
    , m_table(new QTableView(this))
    , m_detail(new QTextBrowser(this))
{
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_pause);
    bar->addWidget(m_follow);
    bar->addWidget(m_clear);
    bar->addWidget(m_export);
    bar->addWidget(m_status);
    m_pause->setCheckable(true);
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(m_exportHar);
    exportMenu->addAction(m_exportCsv);
    m_export->setMenu(exportMenu);
    m_filter->setClearButtonEnabled(true);
    auto *completer = new QCompleter(new QStringListModel(RequestFilter::fieldNames(), this), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setCompleter(completer);

    m_table->setModel(m_filterModel);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(false); // arrival order; sorting 100,000 live rows helps nobody
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 4);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setColumnWidth(RequestLogModel::PathColumn, 260);
    m_detail->setOpenLinks(false);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &RequestLogView::setFilterText);
    connect(m_pause, &QToolButton::toggled, m_model, &RequestLogModel::setPaused);
    connect(m_clear, &QToolButton::clicked, m_model, &RequestLogModel::clear);
    connect(m_exportHar, &QAction::triggered, this, [this] { exportRows(true); });
    connect(m_exportCsv, &QAction::triggered, this, [this] { exportRows(false); });
    connect(m_model, &RequestLogModel::countsChanged, this, &RequestLogView::updateStatus);
    connect(m_filterModel, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow->isChecked())
            m_table->scrollToBottom();
    });
    // Scrolling up to read stops following; scrolling back to the bottom resumes it.
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (m_table->verticalScrollBar()->isSliderDown())
            m_follow->setChecked(value == m_table->verticalScrollBar()->maximum());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RequestLogView::showDetail);
    connect(m_table, &QWidget::customContextMenuRequested, this, &RequestLogView::showContextMenu);
    connect(m_table, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        revealRow(m_filterModel->mapToSource(index).row());
    });
    connect(m_table->horizontalHeader(), &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu;
        for (int c = 0; c < RequestLogModel::ColumnCount; ++c) {
            QAction *a = menu.addAction(RequestLogModel::columnName(c));
            a->setCheckable(true);
            a->setChecked(!m_table->isColumnHidden(c));
            connect(a, &QAction::toggled, this, [this, c](bool on) { m_table->setColumnHidden(c, !on); });
        }
        menu.exec(m_table->horizontalHeader()->mapToGlobal(pos));
    });
    retranslateUi();
    updateStatus();
}

void RequestLogView::retranslateUi()
{
    m_filter->setPlaceholderText(tr("Filter: status:5xx host:api.* service:backendService1 dur>200ms"));
    m_pause->setText(tr("Pause"));
    m_pause->setToolTip(tr("Stop adding new requests to the log (they are counted)"));
    m_follow->setText(tr("Follow"));
    m_follow->setToolTip(tr("Keep the newest request in view"));
    m_clear->setText(tr("Clear"));
    m_export->setText(tr("Export"));
    m_exportHar->setText(tr("Shown rows as HAR 1.2..."));
    m_exportCsv->setText(tr("Shown rows as CSV..."));
    updateStatus();
}

void RequestLogView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

bool RequestLogView::setFilterText(const QString &text)
{
    RequestFilter::ParseError error;
    const auto filter = RequestFilter::parse(text, &error);
    QPalette p = m_filter->palette();
    if (!filter) {
        p.setColor(QPalette::Base, QColor(0xff, 0xd6, 0xd6));
        p.setColor(QPalette::Text, Qt::black);
        m_filter->setPalette(p);
        m_filter->setToolTip(error.message);
        return false;
    }
    const bool active = !filter->isEmpty();
    p.setColor(QPalette::Base, active ? QColor(0xd9, 0xf5, 0xd9) : palette().color(QPalette::Base));
    p.setColor(QPalette::Text, active ? QColor(Qt::black) : palette().color(QPalette::Text));
    m_filter->setPalette(p);
    m_filter->setToolTip(QString());
    m_filterModel->setFilter(*filter);
    updateStatus();
    return true;
}

QList<int> RequestLogView::visibleRows() const
{
    QList<int> rows;
    rows.reserve(m_filterModel->rowCount());
    for (int r = 0; r < m_filterModel->rowCount(); ++r)
        rows << m_filterModel->mapToSource(m_filterModel->index(r, 0)).row();
    return rows;
}

void RequestLogView::updateStatus()
{
    QStringList parts;
    parts << tr("%n request(s)", nullptr, m_model->rowCount());
    if (m_filterModel->rowCount() != m_model->rowCount())
        parts << tr("%n shown", nullptr, m_filterModel->rowCount());
    if (m_model->droppedCount())
        parts << tr("%n older dropped", nullptr, int(qMin<quint64>(m_model->droppedCount(), INT_MAX)));
    if (m_model->lostCount())
        parts << tr("%n not recorded (the log fell behind)", nullptr, int(qMin<quint64>(m_model->lostCount(), INT_MAX)));
    if (m_model->pausedCount())
        parts << tr("%n not captured while paused", nullptr, int(qMin<quint64>(m_model->pausedCount(), INT_MAX)));
    m_status->setText(parts.join(QStringLiteral(" · ")));
}

void RequestLogView::showDetail()
{
    const QModelIndex current = m_filterModel->mapToSource(m_table->currentIndex());
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const RequestRow &r = m_model->row(current.row());
    QString html;
    auto esc = [](const QString &s) { return s.toHtmlEscaped(); };
    html += QStringLiteral("<p><b>%1 %2</b><br>%3</p>")
                .arg(esc(m_model->text(r, RequestLogModel::MethodColumn)), esc(QString::fromUtf8(r.path)),
                     esc(tr("Status %1 · %2 · %3 → %4").arg(m_model->text(r, RequestLogModel::StatusColumn),
                                                             m_model->text(r, RequestLogModel::DurationColumn),
                                                             m_model->text(r, RequestLogModel::ServiceColumn),
                                                             m_model->text(r, RequestLogModel::EndpointColumn))));
    if (r.error)
        html += QStringLiteral("<p style='color:#d71f1f'>%1</p>").arg(esc(m_model->pool().string(r.error)));
    html += QStringLiteral("<h4>%1</h4><table>").arg(esc(tr("Timing")));
    auto timing = [&](const QString &label, quint32 us) {
        html += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td></tr>")
                    .arg(esc(label), us ? tr("%1 ms").arg(us / 1000.0, 0, 'f', 3) : QStringLiteral("-"));
    };
    timing(tr("Request head parsed"), r.headUs);
    timing(tr("Upstream connected"), r.connectUs);
    timing(tr("First upstream byte"), r.firstByteUs);
    timing(tr("Done"), r.durationUs);
    html += QStringLiteral("</table>");
    auto headers = [&](const QString &title, const QByteArray &startLine,
                       const QList<std::pair<QByteArray, QByteArray>> &list, bool truncated) {
        html += QStringLiteral("<h4>%1</h4><pre>").arg(esc(title));
        if (!startLine.isEmpty())
            html += esc(QString::fromUtf8(startLine)) + QLatin1Char('\n');
        for (const auto &[name, value] : list)
            html += esc(QString::fromUtf8(name + ": " + value)) + QLatin1Char('\n');
        html += QStringLiteral("</pre>");
        if (truncated)
            html += QStringLiteral("<p><i>%1</i></p>").arg(esc(tr("Cut at 4 KiB: the rest of the head is not kept.")));
    };
    if (r.detail) {
        headers(tr("Request headers"), r.detail->requestLine, r.detail->requestHeaders, r.detail->requestTruncated);
        headers(tr("Response headers"), r.detail->statusLine, r.detail->responseHeaders, r.detail->responseTruncated);
    } else {
        html += QStringLiteral("<p><i>%1</i></p>").arg(esc(tr("Headers are kept for the newest %L1 requests only.").arg(RequestLogModel::DetailRows)));
    }
    m_detail->setHtml(html);
}

bool RequestLogView::revealRow(int sourceRow)
{
    if (sourceRow < 0 || sourceRow >= m_model->rowCount())
        return false;
    const RequestRow &r = m_model->row(sourceRow);
    if (!r.routeOffset)
        return false;
    emit revealRequested(r.routeOffset, r.configGeneration);
    return true;
}

void RequestLogView::showContextMenu(const QPoint &pos)
{
    const QModelIndex proxy = m_table->indexAt(pos);
    const QModelIndex source = m_filterModel->mapToSource(proxy);
    if (!source.isValid())
        return;
    const RequestRow &r = m_model->row(source.row());
    QMenu menu;
    menu.addAction(tr("Copy as curl"), this, [this, r] {
        QApplication::clipboard()->setText(RequestExport::curl(*m_model, r));
    });
    if (r.routeOffset) {
        const int row = source.row();
        menu.addAction(tr("Reveal Rule in Editor"), this, [this, row] { revealRow(row); });
    }
    menu.addSeparator();
    const QString value = m_model->text(r, source.column());
    QString field;
    switch (source.column()) {
    case RequestLogModel::HostColumn: field = QStringLiteral("host"); break;
    case RequestLogModel::ServiceColumn: field = QStringLiteral("service"); break;
    case RequestLogModel::EndpointColumn: field = QStringLiteral("endpoint"); break;
    case RequestLogModel::MethodColumn: field = QStringLiteral("method"); break;
    case RequestLogModel::StatusColumn: field = QStringLiteral("status"); break;
    case RequestLogModel::ClientColumn: field = QStringLiteral("client"); break;
    default: break;
    }
    if (!field.isEmpty() && !value.isEmpty() && !value.contains(u' ')) {
        menu.addAction(tr("Show Only %1").arg(value), this, [this, field, value] {
            m_filter->setText(QString(m_filter->text() + QStringLiteral(" %1:%2").arg(field, value)).trimmed());
        });
        menu.addAction(tr("Hide %1").arg(value), this, [this, field, value] {
            m_filter->setText(QString(m_filter->text() + QStringLiteral(" -%1:%2").arg(field, value)).trimmed());
        });
    }
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void RequestLogView::exportRows(bool har)
{
    const QString path = QFileDialog::getSaveFileName(
        this, har ? tr("Export as HAR") : tr("Export as CSV"),
        har ? QStringLiteral("requests.har") : QStringLiteral("requests.csv"),
        har ? tr("HAR files (*.har)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const QList<int> rows = visibleRows();
    QSaveFile file(path);
    const QByteArray bytes = har ? RequestExport::har(*m_model, rows) : RequestExport::csv(*m_model, rows);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit())
        QMessageBox::warning(this, tr("Export"), tr("Cannot write %1: %2").arg(path, file.errorString()));
}

QByteArray RequestLogView::saveState() const
{
    return m_table->horizontalHeader()->saveState();
}

void RequestLogView::restoreState(const QByteArray &state)
{
    m_table->horizontalHeader()->restoreState(state);
}

} // namespace Gatehouse::Ui
