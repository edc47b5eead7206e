// Test helpers for io/documents: a rendered PDF in a temporary file and
// poppler-utils (pdftotext, pdfinfo, pdffonts) run over it. Set
// MEIHAO_DOCUMENTS_KEEP=DIR to keep the files in DIR for a look.
#pragma once
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace meihao::io::documents::testing_util {

inline bool HavePoppler() {
  return std::filesystem::exists("/usr/bin/pdftotext") && std::filesystem::exists("/usr/bin/pdfinfo") &&
         std::filesystem::exists("/usr/bin/pdffonts");
}

// A command's standard output.
inline std::string Run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  ::pclose(p);
  return out;
}

// Without any white space: text that wrapped is whole again.
inline std::string Squeeze(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\f' && c != '\r' && c != '\t') out += c;
  return out;
}

class PdfFile {
 public:
  PdfFile(const std::string& bytes, const std::string& name) {
    const char* keep = std::getenv("MEIHAO_DOCUMENTS_KEEP");
    keep_ = keep && *keep;
    dir_ = keep_ ? std::filesystem::path(keep)
                 : std::filesystem::temp_directory_path() /
                       ("meihao-doc-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / (name + ".pdf")).string();
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~PdfFile() {
    if (!keep_) std::filesystem::remove_all(dir_);
  }
  const std::string& path() const { return path_; }

  int Pages() const {
    std::istringstream in(Run("pdfinfo '" + path_ + "'"));
    for (std::string line; std::getline(in, line);)
      if (line.rfind("Pages:", 0) == 0) return std::stoi(line.substr(6));
    return -1;
  }
  // pdftotext -layout of pages first..last (0: all).
  std::string Text(int first = 0, int last = 0, const char* mode = "-layout") const {
    std::string range = first ? " -f " + std::to_string(first) + " -l " + std::to_string(last) : "";
    return Run(std::string("pdftotext -enc UTF-8 ") + mode + range + " '" + path_ + "' -");
  }

 private:
  bool keep_ = false;
  std::filesystem::path dir_;
  std::string path_;
};

}  // namespace meihao::io::documents::testing_util
