#include "publishdialog.h"

#include "appsettings.h"
#include "widgets/diffview.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

using Core::PublishResult;

namespace {

constexpr int MaxRecentTargets = 8;

QString describeTarget(const PublishTarget &target)
{
    return target.isRemote() ? target.toString() : QDir::toNativeSeparators(target.toString());
}

} // namespace

PublishDialog::PublishDialog(const QByteArray &configText,
                             const QString &configFile,
                             QWidget *parent)
    : QDialog(parent)
    , m_configText(configText)
    , m_configFile(configFile)
    , m_controller(new PublishController(this))
{
    setObjectName(QStringLiteral("PublishDialog"));
    auto *layout = new QVBoxLayout(this);

    // Target
    auto *targetBox = new QGroupBox(this);
    targetBox->setObjectName(QStringLiteral("targetBox"));
    auto *targetLayout = new QVBoxLayout(targetBox);
    auto *recentRow = new QHBoxLayout;
    m_recentLabel = new QLabel(targetBox);
    m_recent = new QComboBox(targetBox);
    m_recent->setObjectName(QStringLiteral("recentTargets"));
    m_recent->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_recentLabel->setBuddy(m_recent);
    recentRow->addWidget(m_recentLabel);
    recentRow->addWidget(m_recent, 1);
    targetLayout->addLayout(recentRow);
    auto *kindRow = new QHBoxLayout;
    m_localRadio = new QRadioButton(targetBox);
    m_localRadio->setObjectName(QStringLiteral("localRadio"));
    m_remoteRadio = new QRadioButton(targetBox);
    m_remoteRadio->setObjectName(QStringLiteral("remoteRadio"));
    m_localRadio->setChecked(true);
    kindRow->addWidget(m_localRadio);
    kindRow->addWidget(m_remoteRadio);
    kindRow->addStretch();
    targetLayout->addLayout(kindRow);

    m_targetStack = new QStackedWidget(targetBox);
    auto *localPage = new QWidget(m_targetStack);
    auto *localForm = new QHBoxLayout(localPage);
    localForm->setContentsMargins(0, 0, 0, 0);
    m_directoryLabel = new QLabel(localPage);
    m_directory = new QLineEdit(localPage);
    m_directory->setObjectName(QStringLiteral("directoryEdit"));
    m_directory->setClearButtonEnabled(true);
    m_directoryLabel->setBuddy(m_directory);
    m_browse = new QPushButton(localPage);
    m_browse->setObjectName(QStringLiteral("browseButton"));
    m_browse->setIcon(style()->standardIcon(QStyle::SP_DirOpenIcon));
    m_browse->setAutoDefault(false);
    localForm->addWidget(m_directoryLabel);
    localForm->addWidget(m_directory, 1);
    localForm->addWidget(m_browse);
    m_targetStack->addWidget(localPage);

    auto *remotePage = new QWidget(m_targetStack);
    auto *remoteForm = new QFormLayout(remotePage);
    remoteForm->setContentsMargins(0, 0, 0, 0);
    m_serverLabel = new QLabel(remotePage);
    m_server = new QLineEdit(remotePage);
    m_server->setObjectName(QStringLiteral("serverEdit"));
    m_server->setPlaceholderText(QStringLiteral("http://127.0.0.1:6060"));
    m_serverLabel->setBuddy(m_server);
    m_codebaseLabel = new QLabel(remotePage);
    m_codebase = new QLineEdit(remotePage);
    m_codebase->setObjectName(QStringLiteral("codebaseEdit"));
    m_codebase->setPlaceholderText(QStringLiteral("/local/fgw"));
    m_codebaseLabel->setBuddy(m_codebase);
    m_tokenLabel = new QLabel(remotePage);
    m_token = new QLineEdit(remotePage);
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_tokenLabel->setBuddy(m_token);
    m_rememberToken = new QCheckBox(remotePage);
    m_rememberToken->setObjectName(QStringLiteral("rememberToken"));
    remoteForm->addRow(m_serverLabel, m_server);
    remoteForm->addRow(m_codebaseLabel, m_codebase);
    remoteForm->addRow(m_tokenLabel, m_token);
    remoteForm->addRow(QString(), m_rememberToken);
    m_targetStack->addWidget(remotePage);
    targetLayout->addWidget(m_targetStack);
    layout->addWidget(targetBox);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("pages"));

    // Publish page
    auto *publishPage = new QWidget(m_tabs);
    auto *publishLayout = new QVBoxLayout(publishPage);
    m_errorsLabel = new QLabel(publishPage);
    m_errorsLabel->setObjectName(QStringLiteral("errorsLabel"));
    m_errorsLabel->setWordWrap(true);
    m_errors = new QListWidget(publishPage);
    m_errors->setObjectName(QStringLiteral("errorsList"));
    m_errors->setMaximumHeight(120);
    m_errorsLabel->setBuddy(m_errors);
    m_errorsLabel->hide();
    m_errors->hide();
    publishLayout->addWidget(m_errorsLabel);
    publishLayout->addWidget(m_errors);
    m_summary = new QLabel(publishPage);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    publishLayout->addWidget(m_summary);
    auto *diffSplitter = new QSplitter(Qt::Vertical, publishPage);
    m_changes = new QTreeWidget(diffSplitter);
    m_changes->setObjectName(QStringLiteral("changesList"));
    m_changes->setColumnCount(2);
    m_changes->setRootIsDecorated(false);
    m_changes->setUniformRowHeights(true);
    m_changes->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_summary->setBuddy(m_changes);
    m_textDiff = new DiffView(diffSplitter);
    m_textDiff->setObjectName(QStringLiteral("textDiff"));
    diffSplitter->addWidget(m_changes);
    diffSplitter->addWidget(m_textDiff);
    diffSplitter->setStretchFactor(0, 1);
    diffSplitter->setStretchFactor(1, 2);
    publishLayout->addWidget(diffSplitter, 1);
    auto *messageRow = new QHBoxLayout;
    m_messageLabel = new QLabel(publishPage);
    m_message = new QLineEdit(publishPage);
    m_message->setObjectName(QStringLiteral("messageEdit"));
    m_messageLabel->setBuddy(m_message);
    messageRow->addWidget(m_messageLabel);
    messageRow->addWidget(m_message, 1);
    publishLayout->addLayout(messageRow);
    m_tabs->addTab(publishPage, QString());

    // History page
    auto *historyPage = new QWidget(m_tabs);
    auto *historyLayout = new QVBoxLayout(historyPage);
    auto *historySplitter = new QSplitter(Qt::Horizontal, historyPage);
    m_history = new QTreeWidget(historySplitter);
    m_history->setObjectName(QStringLiteral("historyList"));
    m_history->setColumnCount(4);
    m_history->setRootIsDecorated(false);
    m_history->setUniformRowHeights(true);
    m_history->setAllColumnsShowFocus(true);
    m_versionTabs = new QTabWidget(historySplitter);
    m_versionTabs->setObjectName(QStringLiteral("versionTabs"));
    m_versionDiff = new DiffView(m_versionTabs);
    m_versionDiff->setObjectName(QStringLiteral("versionDiff"));
    m_versionText = new DiffView(m_versionTabs);
    m_versionText->setObjectName(QStringLiteral("versionText"));
    m_versionTabs->addTab(m_versionDiff, QString());
    m_versionTabs->addTab(m_versionText, QString());
    historySplitter->addWidget(m_history);
    historySplitter->addWidget(m_versionTabs);
    historySplitter->setStretchFactor(1, 1);
    historySplitter->setSizes({400, 480});
    historyLayout->addWidget(historySplitter, 1);
    auto *historyButtons = new QHBoxLayout;
    m_refreshHistory = new QPushButton(historyPage);
    m_refreshHistory->setObjectName(QStringLiteral("refreshHistoryButton"));
    m_refreshHistory->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_rollback = new QPushButton(historyPage);
    m_rollback->setObjectName(QStringLiteral("rollbackButton"));
    m_rollback->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_openInEditor = new QPushButton(historyPage);
    m_openInEditor->setObjectName(QStringLiteral("openInEditorButton"));
    m_openInEditor->setIcon(style()->standardIcon(QStyle::SP_FileIcon));
    for (QPushButton *b : {m_refreshHistory, m_rollback, m_openInEditor})
        b->setAutoDefault(false);
    historyButtons->addWidget(m_refreshHistory);
    historyButtons->addStretch();
    historyButtons->addWidget(m_openInEditor);
    historyButtons->addWidget(m_rollback);
    historyLayout->addLayout(historyButtons);
    m_tabs->addTab(historyPage, QString());
    layout->addWidget(m_tabs, 1);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_result->hide();
    layout->addWidget(m_result);

    auto *buttons = new QDialogButtonBox(this);
    m_compare = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_compare->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_publish = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_publish->setObjectName(QStringLiteral("publishButton"));
    m_publish->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("closeButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    setTabOrder(m_recent, m_localRadio);
    setTabOrder(m_localRadio, m_remoteRadio);
    setTabOrder(m_remoteRadio, m_directory);
    setTabOrder(m_directory, m_browse);
    setTabOrder(m_browse, m_server);
    setTabOrder(m_server, m_codebase);
    setTabOrder(m_codebase, m_token);
    setTabOrder(m_token, m_rememberToken);
    setTabOrder(m_rememberToken, m_tabs);
    setTabOrder(m_tabs, m_changes);
    setTabOrder(m_changes, m_textDiff);
    setTabOrder(m_textDiff, m_message);
    setTabOrder(m_message, m_compare);
    setTabOrder(m_compare, m_publish);
    setTabOrder(m_publish, m_close);

    connect(m_localRadio, &QRadioButton::toggled, this, [this] {
        updateKind();
        targetEdited();
    });
    for (QLineEdit *edit : {m_directory, m_server, m_codebase, m_token})
        connect(edit, &QLineEdit::textEdited, this, &PublishDialog::targetEdited);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a Repo Directory"),
                                                              m_directory->text());
        if (dir.isEmpty())
            return;
        m_directory->setText(QDir::toNativeSeparators(dir));
        targetEdited();
    });
    connect(m_recent, &QComboBox::activated, this, [this](int index) {
        if (index <= 0)
            return;
        setFields(PublishTarget::fromSettings(m_recent->itemData(index).toMap()));
        targetEdited();
        compareWithTarget();
    });
    connect(m_compare, &QPushButton::clicked, this, [this] { compareWithTarget(); });
    connect(m_publish, &QPushButton::clicked, this, &PublishDialog::publish);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1 && !m_historyData && targetFromFields().problem().isEmpty())
            loadHistory();
        updateButtons();
    });
    connect(m_refreshHistory, &QPushButton::clicked, this, &PublishDialog::loadHistory);
    connect(m_history, &QTreeWidget::currentItemChanged, this, &PublishDialog::versionSelected);
    connect(m_rollback, &QPushButton::clicked, this, &PublishDialog::confirmRollback);
    connect(m_openInEditor, &QPushButton::clicked, this, &PublishDialog::openSelectedInEditor);

    retranslateUi();
    fillRecent();
    const QVariantList recent = AppSettings::publishTargets();
    if (!recent.isEmpty())
        setFields(PublishTarget::fromSettings(recent.constFirst().toMap()));
    updateKind();
    targetEdited();
    resize(900, 700);
    // The last target is read at once (reading writes nothing), so the diff is there to review.
    if (targetFromFields().problem().isEmpty())
        compareWithTarget();
}

void PublishDialog::retranslateUi()
{
    setWindowTitle(tr("Publish"));
    findChild<QGroupBox *>(QStringLiteral("targetBox"))->setTitle(tr("Target"));
    m_recentLabel->setText(tr("&Recent:"));
    m_localRadio->setText(tr("&Local repo directory"));
    m_remoteRadio->setText(tr("Pipy re&po (HTTP)"));
    m_directoryLabel->setText(tr("&Directory:"));
    m_browse->setText(tr("&Browse..."));
    m_serverLabel->setText(tr("&URL:"));
    m_codebaseLabel->setText(tr("Code&base:"));
    m_tokenLabel->setText(tr("&Token:"));
    m_token->setPlaceholderText(tr("optional bearer token"));
    m_rememberToken->setText(tr("Remember the token (kept in plain text in the settings)"));
    m_tabs->setTabText(0, tr("Changes"));
    m_tabs->setTabText(1, tr("History"));
    m_errorsLabel->setText(
        tr("The config has errors and cannot be published. Fix them in the editor:"));
    m_changes->setHeaderLabels({tr("Change"), tr("What")});
    m_messageLabel->setText(tr("&Message:"));
    m_message->setPlaceholderText(tr("what this version changes (optional)"));
    m_history->setHeaderLabels({tr("Version"), tr("Published (UTC)"), tr("Message"), tr("Hash")});
    m_versionTabs->setTabText(0, tr("Diff with Previous"));
    m_versionTabs->setTabText(1, tr("Text"));
    m_refreshHistory->setText(tr("Re&fresh"));
    m_rollback->setText(tr("Roll &Back to This Version..."));
    m_openInEditor->setText(tr("&Open in Editor"));
    m_compare->setText(tr("&Compare"));
    m_compare->setToolTip(
        tr("Read what the target publishes now and compare the editor's config with it"));
    m_publish->setText(tr("&Publish"));
    fillRecent();
}

void PublishDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void PublishDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(page == Page::History ? 1 : 0);
}

PublishTarget PublishDialog::targetFromFields() const
{
    PublishTarget t;
    t.kind = m_remoteRadio->isChecked() ? PublishTarget::Kind::Remote : PublishTarget::Kind::Local;
    t.directory = QDir::fromNativeSeparators(m_directory->text().trimmed());
    t.server = QUrl(m_server->text().trimmed());
    t.codebase = m_codebase->text().trimmed();
    t.token = m_token->text().trimmed().toUtf8();
    return t;
}

void PublishDialog::setFields(const PublishTarget &target)
{
    (target.isRemote() ? m_remoteRadio : m_localRadio)->setChecked(true);
    m_directory->setText(QDir::toNativeSeparators(target.directory));
    m_server->setText(target.server.toString());
    m_codebase->setText(target.codebase);
    m_token->setText(QString::fromUtf8(target.token));
    m_rememberToken->setChecked(!target.token.isEmpty());
    updateKind();
}

void PublishDialog::updateKind()
{
    const int current = m_remoteRadio->isChecked() ? 1 : 0;
    // The stack takes the height of its current page only, not of the tallest one.
    for (int i = 0; i < m_targetStack->count(); ++i)
        m_targetStack->widget(i)->setSizePolicy(
            QSizePolicy::Preferred, i == current ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    m_targetStack->setCurrentIndex(current);
    m_targetStack->adjustSize();
}

void PublishDialog::targetEdited()
{
    // Whatever was read belongs to another target now.
    ++m_generation;
    if (m_busy)
        setBusy(false);
    m_snapshot.reset();
    m_comparison.reset();
    m_historyData.reset();
    m_changes->clear();
    m_summary->clear();
    m_textDiff->setDiff(QString());
    m_errorsLabel->hide();
    m_errors->hide();
    m_history->clear();
    m_versionText->setPlainContent(QString());
    m_versionDiff->setPlainContent(QString());
    m_result->hide();
    const QString problem = targetFromFields().problem();
    m_status->setText(problem.isEmpty() ? tr("Press Compare to read what the target publishes now.")
                                        : problem);
    updateButtons();
}

void PublishDialog::fillRecent()
{
    m_recent->clear();
    const QVariantList recent = AppSettings::publishTargets();
    m_recent->addItem(recent.isEmpty() ? tr("(no recent targets)")
                                       : tr("(choose a recent target)"));
    for (const QVariant &v : recent)
        m_recent->addItem(describeTarget(PublishTarget::fromSettings(v.toMap())), v);
    m_recent->setEnabled(!recent.isEmpty());
}

void PublishDialog::rememberTarget(const PublishTarget &target)
{
    QVariantList recent = AppSettings::publishTargets();
    for (qsizetype i = recent.size() - 1; i >= 0; --i) {
        if (PublishTarget::fromSettings(recent.at(i).toMap()).sameTarget(target))
            recent.removeAt(i);
    }
    recent.prepend(target.toSettings(m_rememberToken->isChecked()));
    while (recent.size() > MaxRecentTargets)
        recent.removeLast();
    AppSettings::setPublishTargets(recent);
    fillRecent();
}

void PublishDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    if (!status.isEmpty())
        m_status->setText(status);
    if (busy)
        QApplication::setOverrideCursor(Qt::BusyCursor);
    else
        QApplication::restoreOverrideCursor();
    updateButtons();
}

void PublishDialog::updateButtons()
{
    const bool targetOk = targetFromFields().problem().isEmpty();
    const bool canPublish = !m_busy && m_snapshot && m_snapshot->error.isEmpty() && m_comparison
                            && m_comparison->errors.isEmpty()
                            && m_comparison->bundleError.isEmpty();
    const bool publishPage = m_tabs->currentIndex() == 0;
    m_compare->setEnabled(!m_busy && targetOk);
    m_publish->setEnabled(canPublish && publishPage);
    m_publish->setVisible(publishPage);
    m_refreshHistory->setEnabled(!m_busy && targetOk);
    const QString selected = selectedVersion();
    const bool isCurrent = m_historyData && selected == m_historyData->currentVersion;
    m_rollback->setEnabled(!m_busy && !selected.isEmpty() && !isCurrent);
    m_openInEditor->setEnabled(!m_busy && !selected.isEmpty() && !m_versionTextBytes.isNull());
    // Enter compares until there is a diff to publish, then publishes.
    m_publish->setDefault(canPublish && publishPage);
    m_compare->setDefault(!(canPublish && publishPage));
}

void PublishDialog::compareWithTarget(bool keepResult)
{
    const PublishTarget target = targetFromFields();
    const QString problem = target.problem();
    if (!problem.isEmpty()) {
        m_status->setText(problem);
        return;
    }
    if (!keepResult)
        m_result->hide();
    m_target = target;
    m_snapshot.reset();
    m_comparison.reset();
    const quint64 generation = ++m_generation;
    setBusy(true, tr("Reading what %1 publishes...").arg(describeTarget(target)));
    m_controller->fetch(target, [this, generation, target](const PublishController::Snapshot &s) {
        if (generation != m_generation)
            return;
        if (!s.error.isEmpty()) {
            setBusy(false, tr("Cannot read %1: %2. Nothing was written.")
                               .arg(describeTarget(target), s.error));
            return;
        }
        m_snapshot = s;
        rememberTarget(target);
        const QString label = s.exists ? tr("%1 version %2").arg(describeTarget(target), s.version)
                                       : tr("(nothing published)");
        m_controller->compare(m_configText, m_configFile, s, label,
                              [this, generation](const PublishController::Comparison &c) {
                                  if (generation != m_generation)
                                      return;
                                  showComparison(c);
                              });
    });
}

void PublishDialog::showComparison(const PublishController::Comparison &c)
{
    m_comparison = c;
    const PublishController::Snapshot &s = *m_snapshot;
    QString status = s.exists
                         ? tr("%1 publishes version %2.").arg(describeTarget(m_target), s.version)
                         : tr("%1 publishes nothing yet; publishing creates its first version.")
                               .arg(describeTarget(m_target));
    m_errors->clear();
    for (const Core::Diagnostic &d : c.errors) {
        auto *item = new QListWidgetItem(
            style()->standardIcon(QStyle::SP_MessageBoxCritical),
            tr("line %1, column %2: %3").arg(d.position.line).arg(d.position.column).arg(d.message),
            m_errors);
        item->setData(Qt::UserRole, d.code);
    }
    if (!c.bundleError.isEmpty())
        new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxCritical),
                            tr("static files: %1").arg(c.bundleError), m_errors);
    const bool refused = !c.errors.isEmpty() || !c.bundleError.isEmpty();
    m_errorsLabel->setVisible(refused);
    m_errors->setVisible(refused);
    if (refused)
        status += QLatin1Char(' ')
                  + tr("The config has %n error(s); it cannot be published.", nullptr,
                       int(c.errors.size() + (c.bundleError.isEmpty() ? 0 : 1)));

    m_changes->clear();
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    for (const Core::ConfigDiff::Change &change : c.changes) {
        auto *item = new QTreeWidgetItem(m_changes);
        QString kind;
        QColor colour;
        switch (change.kind) {
        case Core::ConfigDiff::Kind::Added:
            kind = tr("added");
            colour = dark ? QColor(120, 220, 120) : QColor(0, 120, 0);
            break;
        case Core::ConfigDiff::Kind::Removed:
            kind = tr("removed");
            colour = dark ? QColor(255, 130, 130) : QColor(170, 0, 0);
            break;
        case Core::ConfigDiff::Kind::Changed:
            kind = tr("changed");
            colour = palette().color(QPalette::Text);
            break;
        }
        item->setText(0, kind);
        item->setForeground(0, colour);
        item->setText(1, change.sentence);
        item->setToolTip(1, change.subject);
    }
    for (const QString &file : c.fileChanges) {
        auto *item = new QTreeWidgetItem(m_changes);
        item->setText(0, tr("file"));
        item->setText(1, file);
    }
    if (c.identical)
        m_summary->setText(tr("The target already publishes exactly this content. Publishing "
                              "again stores it as a new version."));
    else if (c.changes.isEmpty() && c.fileChanges.isEmpty())
        m_summary->setText(tr("No change in meaning (the text may differ in layout)."));
    else
        m_summary->setText(c.summary);
    m_textDiff->setDiff(c.textDiff, tr("The texts are identical."));
    setBusy(false, status);
    if (m_tabs->currentIndex() == 1 && !m_historyData)
        loadHistory();
    else if (!refused)
        m_publish->setFocus();
}

void PublishDialog::publish()
{
    if (m_busy || !m_snapshot || !m_comparison || !m_comparison->errors.isEmpty()
        || !m_comparison->bundleError.isEmpty())
        return;
    const PublishTarget target = m_target;
    const QString expected = m_snapshot->version;
    const quint64 generation = ++m_generation;
    m_result->hide();
    m_result->clear();
    setBusy(true, tr("Publishing to %1...").arg(describeTarget(target)));
    m_controller->publish(target, m_comparison->bundle, m_message->text().trimmed(), expected,
                          [this, generation](const PublishResult &r, const QString &warning) {
                              if (generation != m_generation)
                                  return;
                              showPublishResult(r, warning, false);
                          });
}

void PublishDialog::showPublishResult(const PublishResult &r, const QString &warning, bool rollback)
{
    setBusy(false);
    const QString where = describeTarget(m_target);
    QString text;
    if (r.ok()) {
        text = rollback ? tr("Rolled back: %1 now publishes version %2 (previous: %3).")
                              .arg(where, r.version,
                                   r.previousVersion.isEmpty() ? tr("none") : r.previousVersion)
                        : tr("Published version %1 to %2 (previous: %3).")
                              .arg(r.version, where,
                                   r.previousVersion.isEmpty() ? tr("none") : r.previousVersion);
        if (m_target.isRemote() && (!r.instancesUpdated.isEmpty() || !r.instancesPending.isEmpty()))
            text += QLatin1Char(' ')
                    + tr("Instances on the new version: %1; not yet: %2.")
                          .arg(r.instancesUpdated.isEmpty()
                                   ? tr("none")
                                   : r.instancesUpdated.join(QStringLiteral(", ")),
                               r.instancesPending.isEmpty()
                                   ? tr("none")
                                   : r.instancesPending.join(QStringLiteral(", ")));
        if (!warning.isEmpty())
            text += QLatin1Char(' ') + warning;
        m_result->setStyleSheet(QString());
    } else {
        const QString before = m_snapshot ? m_snapshot->version : QString();
        text = rollback ? tr("Not rolled back: %1.").arg(r.error)
                        : tr("Not published: %1.").arg(r.error);
        if (!r.written.isEmpty() || !r.deleted.isEmpty())
            text += QLatin1Char(' ')
                    + tr("Nothing was committed: the target still publishes the version it had; "
                         "these changes were left as uncommitted edits: %1.")
                          .arg((r.written + r.deleted).join(QStringLiteral(", ")));
        else
            text += QLatin1Char(' ') + tr("The target was left as it was.");
        if (r.status == PublishResult::Status::Conflict)
            text += QLatin1Char(' ')
                    + tr("Someone else published since version %1 was compared: the changes "
                         "below are now against the target's new version; review them and "
                         "publish again.")
                          .arg(before.isEmpty() ? tr("(none)") : before);
        m_result->setStyleSheet(QStringLiteral("QLabel { color: %1; }")
                                    .arg(palette().color(QPalette::Base).lightness() < 128
                                             ? QStringLiteral("#ff8080")
                                             : QStringLiteral("#b00000")));
    }
    m_result->setText(text);
    m_result->show();
    // Show the target as it is now: the new version, or the one that caused the conflict.
    m_historyData.reset();
    compareWithTarget(true);
    if (m_tabs->currentIndex() == 1)
        loadHistory();
}

void PublishDialog::loadHistory()
{
    const PublishTarget target = targetFromFields();
    if (!target.problem().isEmpty())
        return;
    m_target = target;
    const quint64 generation = m_generation;
    m_history->clear();
    m_versionTextBytes = QByteArray();
    m_controller->history(target, [this, generation](const PublishController::History &h) {
        if (generation != m_generation)
            return;
        showHistory(h);
    });
}

void PublishDialog::showHistory(const PublishController::History &h)
{
    m_historyData = h;
    m_history->clear();
    for (qsizetype i = h.versions.size() - 1; i >= 0; --i) {
        const PublishController::Version &v = h.versions.at(i);
        auto *item = new QTreeWidgetItem(m_history);
        item->setText(0, v.current ? tr("%1 (current)").arg(v.version) : v.version);
        item->setData(0, Qt::UserRole, v.version);
        item->setData(0, Qt::UserRole + 1, i > 0 ? h.versions.at(i - 1).version : QString());
        item->setText(1, v.time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        item->setText(2, v.message);
        item->setText(3, QString::fromLatin1(v.hash.left(12)));
        if (v.current) {
            QFont bold = item->font(0);
            bold.setBold(true);
            for (int c = 0; c < 4; ++c)
                item->setFont(c, bold);
        }
    }
    for (int c = 0; c < 4; ++c)
        m_history->resizeColumnToContents(c);
    if (!h.error.isEmpty())
        m_status->setText(
            tr("Cannot read the history of %1: %2").arg(describeTarget(m_target), h.error));
    else if (h.versions.isEmpty())
        m_status->setText(m_target.isRemote()
                              ? tr("No publish to %1 is recorded in this computer's publish log.")
                                    .arg(describeTarget(m_target))
                              : tr("%1 holds no version yet.").arg(describeTarget(m_target)));
    if (m_history->topLevelItemCount() > 0)
        m_history->setCurrentItem(m_history->topLevelItem(0));
    updateButtons();
}

QString PublishDialog::selectedVersion() const
{
    const QTreeWidgetItem *item = m_history->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

void PublishDialog::versionSelected()
{
    m_versionTextBytes = QByteArray();
    m_versionText->setPlainContent(QString());
    m_versionDiff->setPlainContent(QString());
    updateButtons();
    const QTreeWidgetItem *item = m_history->currentItem();
    if (!item)
        return;
    const QString version = item->data(0, Qt::UserRole).toString();
    const QString previous = item->data(0, Qt::UserRole + 1).toString();
    const quint64 generation = m_generation;
    m_controller->loadVersion(m_target, version, previous,
                              [this, generation, version](const PublishController::VersionText &v) {
                                  if (generation != m_generation || selectedVersion() != version)
                                      return;
                                  if (!v.error.isEmpty()) {
                                      m_versionText->setPlainContent(v.error);
                                      return;
                                  }
                                  m_versionTextBytes = v.text;
                                  m_versionText->setPlainContent(QString::fromUtf8(v.text));
                                  m_versionDiff->setDiff(v.diffWithPrevious,
                                                         tr("Same text as the version before."));
                                  updateButtons();
                              });
}

void PublishDialog::confirmRollback()
{
    const QString version = selectedVersion();
    if (version.isEmpty() || !m_historyData || m_busy)
        return;
    delete m_confirm;
    m_confirm
        = new QMessageBox(QMessageBox::Question, tr("Roll Back"),
                          tr("Roll %1 back to version %2?").arg(describeTarget(m_target), version),
                          QMessageBox::Yes | QMessageBox::Cancel, this);
    m_confirm->setObjectName(QStringLiteral("rollbackConfirmation"));
    m_confirm->setInformativeText(
        tr("The content of version %1 is published again as a new version; the versions in "
           "between stay in the history.")
            .arg(version));
    m_confirm->setDefaultButton(QMessageBox::Cancel);
    m_confirm->button(QMessageBox::Yes)->setText(tr("Roll Back to Version %1").arg(version));
    const QString expected = m_historyData->currentVersion;
    connect(m_confirm, &QMessageBox::finished, this, [this, version, expected](int) {
        const bool yes = m_confirm->clickedButton() == m_confirm->button(QMessageBox::Yes);
        m_confirm->deleteLater();
        m_confirm = nullptr;
        if (!yes)
            return;
        const quint64 generation = ++m_generation;
        m_result->hide();
        m_result->clear();
        setBusy(true,
                tr("Rolling %1 back to version %2...").arg(describeTarget(m_target), version));
        m_controller->rollback(m_target, version, expected,
                               [this, generation](const PublishResult &r, const QString &warning) {
                                   if (generation != m_generation)
                                       return;
                                   showPublishResult(r, warning, true);
                               });
    });
    m_confirm->open();
}

void PublishDialog::openSelectedInEditor()
{
    const QString version = selectedVersion();
    if (version.isEmpty() || m_versionTextBytes.isNull())
        return;
    const QByteArray text = m_versionTextBytes;
    const QString title
        = tr("config.json (version %1 of %2)").arg(version, describeTarget(m_target));
    accept();
    emit openInEditorRequested(text, title);
}

} // namespace Gatehouse::Ui
