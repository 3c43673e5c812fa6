#include "validationcontroller.h"

namespace Gatehouse::Ui {

ValidationController::ValidationController(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &ValidationController::start);
}

ValidationController::~ValidationController()
{
    // A running job posts its result to `this`; let it finish before `this` goes away.
    m_pool.clear();
    m_pool.waitForDone();
}

void ValidationController::textChanged()
{
    ++m_pendingGeneration;
    m_debounce.start();
}

void ValidationController::validateNow()
{
    ++m_pendingGeneration;
    m_debounce.stop();
    start();
}

void ValidationController::start()
{
    const quint64 generation = m_pendingGeneration;
    const QByteArray text = m_source ? m_source() : QByteArray();
    m_pool.start([this, generation, text] {
        Core::LoadResult result = Core::ConfigLoader::load(text);
        QMetaObject::invokeMethod(
            this,
            [this, generation, result = std::move(result)] {
                if (generation != m_pendingGeneration)
                    return; // the text changed meanwhile; a newer validation is on its way
                m_doneGeneration = generation;
                m_last = result;
                emit validated(m_last);
            },
            Qt::QueuedConnection);
    });
}

} // namespace Gatehouse::Ui
