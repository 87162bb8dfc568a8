#pragma once

#include "store/Store.h"

#include <QtGlobal>

#include <future>
#include <memory>
#include <vector>

namespace creditdesk::test {

// Runs the commands as one write group of `store`: the writer is held inside a first command until all
// are queued. Returns each command's answer, in order; stops the test binary if they did not share a
// group (the assertions that follow would not test what they say).
inline std::vector<server::ApiResponse> runAsOneGroup(server::Store& store,
                                                      std::vector<server::WriteCommand> commands)
{
    using server::ApiResponse;
    const quint64 groupsBefore = store.statistics().groups.load();
    std::promise<void> started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    store.submit(
        [&started, released](server::SqlConnection&) {
            started.set_value();
            released.wait();
            return ApiResponse{};
        },
        [](ApiResponse) {});
    started.get_future().wait();
    std::vector<std::future<ApiResponse>> answers;
    for (server::WriteCommand& command : commands) {
        auto answer = std::make_shared<std::promise<ApiResponse>>();
        answers.push_back(answer->get_future());
        store.submit(std::move(command),
                     [answer](ApiResponse response) { answer->set_value(std::move(response)); });
    }
    release.set_value();
    std::vector<ApiResponse> responses;
    for (auto& answer : answers)
        responses.push_back(answer.get());
    if (store.statistics().groups.load() != groupsBefore + 2)
        qFatal("the commands did not run as one group");
    return responses;
}

} // namespace creditdesk::test
