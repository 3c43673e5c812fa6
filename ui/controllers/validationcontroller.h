#pragma once

#include "config/configloader.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <functional>

namespace Gatehouse::Ui {

// Validates the editor's text as the user types: debounced, and always off the GUI thread (a
// 10,000-service config takes long enough to stutter typing). Lives in the GUI thread; results
// come back to it. Results for a text that has changed since are dropped, so diagnostics never
// point into a text they were not computed for.
class ValidationController : public QObject
{
    Q_OBJECT
public:
    explicit ValidationController(QObject *parent = nullptr);
    ~ValidationController() override;

    // Where the text comes from; read only when a validation starts, so typing into a large
    // document costs no copy per keystroke.
    void setSource(std::function<QByteArray()> source) { m_source = std::move(source); }
    // The text changed: validate it after the debounce delay.
    void textChanged();
    // Validate now (Run, Save, tests); the result arrives through validated().
    void validateNow();
    // The newest result (empty before the first validation).
    const Core::LoadResult &lastResult() const { return m_last; }
    // Whether a validation is scheduled or running for the current text.
    bool isPending() const { return m_pendingGeneration != m_doneGeneration; }

    static constexpr int DebounceMs = 300;

signals:
    void validated(const Core::LoadResult &result);

private:
    void start();

    QThreadPool m_pool; // our own, so the destructor can wait for the job that calls back
    QTimer m_debounce;
    std::function<QByteArray()> m_source;
    quint64 m_pendingGeneration = 0;
    quint64 m_doneGeneration = 0;
    Core::LoadResult m_last;
};

} // namespace Gatehouse::Ui
