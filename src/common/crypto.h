// Thin wrappers over libsodium: hashing, random tokens, password hashing.
// Call InitCrypto() once at program start (idempotent).
#pragma once
#include <string>
#include <string_view>

namespace meihao::crypto {

void InitCrypto();
// Lower-case hex SHA-256 of data.
std::string Sha256Hex(std::string_view data);
// n random bytes as unpadded base64url (43 chars for 32 bytes = 256 bits).
std::string RandomToken(size_t n_bytes = 32);
// A random password a person can type: 16 chars of an unambiguous alphabet.
std::string RandomPassword();
// argon2id (libsodium's interactive limits); the result embeds salt and limits.
std::string HashPassword(std::string_view password);
// Constant-time; false for a malformed hash.
bool VerifyPassword(std::string_view hash, std::string_view password);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace meihao::crypto
