#include "kamgr/system/editor.h"

#include "kamgr/core/error.h"
#include "kamgr/system/process.h"

namespace kamgr {

std::vector<std::string> split_command_words(const std::string& command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '\'') {
      const size_t close = command.find('\'', i + 1);
      if (close == std::string::npos)
        throw input_error("the editor setting has an unclosed ' quote: '" + command + "'");
      word += command.substr(i + 1, close - i - 1);
      i = close;
      in_word = true;
    } else if (c == '"') {
      size_t j = i + 1;
      for (; j < command.size() && command[j] != '"'; ++j) {
        if (command[j] == '\\' && j + 1 < command.size() &&
            (command[j + 1] == '"' || command[j + 1] == '\\'))
          ++j;
        word += command[j];
      }
      if (j >= command.size())
        throw input_error("the editor setting has an unclosed \" quote: '" + command + "'");
      i = j;
      in_word = true;
    } else if (c == '\\' && i + 1 < command.size()) {
      word += command[++i];
      in_word = true;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  if (words.empty()) throw input_error("the editor setting ($VISUAL or $EDITOR) is empty");
  return words;
}

std::string editor_setting(const char* visual, const char* editor) {
  if (visual && *visual) return visual;
  if (editor && *editor) return editor;
  return "vi";
}

int run_editor(const std::vector<std::string>& words, const std::filesystem::path& file) {
  std::vector<std::string> argv = words;
  argv.push_back(file.string());
  const pid_t pid = spawn_program(argv, nullptr);
  return pid > 0 ? wait_program(pid) : 127;
}

}  // namespace kamgr
