#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QTableView;
class QTextBrowser;
class QToolButton;

namespace Gatehouse::Ui {

class RequestLogFilterModel;
class RequestLogModel;

// The live request log panel: filter bar, virtual table, detail pane. GUI thread. Rows come in
// batches through model()->appendBatch(); the view follows the newest row unless the user
// scrolled away or turned Follow off.
class RequestLogView : public QWidget
{
    Q_OBJECT
public:
    explicit RequestLogView(QWidget *parent = nullptr);

    RequestLogModel *model() const { return m_model; }
    RequestLogFilterModel *filterModel() const { return m_filterModel; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    // Applies a filter text; false (and the bar tinted, with the reason as tooltip) when it
    // does not parse.
    bool setFilterText(const QString &text);
    // Source rows currently shown (filtered), oldest first.
    QList<int> visibleRows() const;
    // "Reveal rule" for a source row (also on double-click and from the context menu); false
    // when the row has no rule (no route took it).
    bool revealRow(int sourceRow);
    QTextBrowser *detailPane() const { return m_detail; }
    QByteArray saveState() const;
    void restoreState(const QByteArray &state);
    void retranslateUi();

signals:
    // "Reveal rule": the byte offset of the config rule that handled a request.
    // `generation`: of the config that handled it (RequestRow::configGeneration).
    void revealRequested(quint32 offset, quint64 generation);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateStatus();
    void showDetail();
    void showContextMenu(const QPoint &pos);
    void exportRows(bool har);

    RequestLogModel *m_model;
    RequestLogFilterModel *m_filterModel;
    QLineEdit *m_filter;
    QToolButton *m_pause;
    QToolButton *m_follow;
    QToolButton *m_clear;
    QToolButton *m_export;
    QAction *m_exportHar;
    QAction *m_exportCsv;
    QLabel *m_status;
    QTableView *m_table;
    QTextBrowser *m_detail;
};

} // namespace Gatehouse::Ui
