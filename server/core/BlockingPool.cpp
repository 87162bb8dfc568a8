#include "core/BlockingPool.h"

#include "core/ThreadName.h"

namespace creditdesk::server {

BlockingPool::BlockingPool(int threads)
{
    for (int i = 0; i < threads; ++i)
        m_threads.emplace_back([this] {
            nameThisThread("cd-blocking");
            while (true) {
                std::function<void()> task;
                {
                    std::unique_lock lock(m_mutex);
                    m_wake.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
                    if (m_tasks.empty())
                        return;
                    task = std::move(m_tasks.front());
                    m_tasks.pop_front();
                }
                task();
            }
        });
}

BlockingPool::~BlockingPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& thread : m_threads)
        thread.join();
}

void BlockingPool::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
}

} // namespace creditdesk::server
