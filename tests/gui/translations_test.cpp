#include "ui/model/translations.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "relay/schema.h"

namespace relay::edge::ui {
namespace {

Translations LoadOrDie(Language language) {
  auto loaded = Translations::Load(RELAY_ASSETS_DIR, language);
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
  return loaded.ok() ? std::move(loaded).value() : Translations::Parse("{}").value();
}

std::set<std::string> Placeholders(const std::string& text) {
  std::set<std::string> names;
  static const std::regex kPlaceholder(R"(\{[a-z_]+\})");
  for (std::sregex_iterator it(text.begin(), text.end(), kPlaceholder), end; it != end; ++it) {
    names.insert(it->str());
  }
  return names;
}

TEST(TranslationsTest, BothLanguagesHaveTheSameKeys) {
  const auto zh = LoadOrDie(Language::kZh).Keys();
  const auto en = LoadOrDie(Language::kEn).Keys();
  EXPECT_EQ(zh, en);
  EXPECT_FALSE(zh.empty());
}

TEST(TranslationsTest, BothLanguagesUseTheSamePlaceholders) {
  const auto zh = LoadOrDie(Language::kZh);
  const auto en = LoadOrDie(Language::kEn);
  for (const auto& key : zh.Keys()) {
    EXPECT_EQ(Placeholders(zh(key)), Placeholders(en(key))) << key;
    EXPECT_STRNE(zh(key), "") << key;
  }
}

TEST(TranslationsTest, EveryTableFieldAndChoiceOfTheSchemaHasALabel) {
  for (Language language : {Language::kZh, Language::kEn}) {
    const auto tr = LoadOrDie(language);
    for (const auto& table : SchemaTables()) {
      EXPECT_TRUE(tr.Has("title." + table.name)) << table.name;
      EXPECT_TRUE(tr.Has("form.new." + table.name)) << table.name;
      EXPECT_TRUE(tr.Has("form.edit." + table.name)) << table.name;
      for (const auto& field : table.fields) {
        EXPECT_TRUE(tr.Has("field." + table.name + "." + field.name)) << field.name;
        for (const auto& choice : field.choices) {
          EXPECT_TRUE(tr.Has("choice." + field.name + "." + choice)) << field.name << choice;
        }
      }
    }
  }
}

TEST(TranslationsTest, EveryScreenHasANavigationLabel) {
  for (Language language : {Language::kZh, Language::kEn}) {
    const auto tr = LoadOrDie(language);
    for (Screen screen : kNavigationScreens) {
      EXPECT_TRUE(tr.Has("nav." + std::string(ScreenName(screen)))) << ScreenName(screen);
    }
  }
}

TEST(TranslationsTest, MissingKeyShowsTheKeyItself) {
  const auto tr = Translations::Parse(R"({"a": "甲"})").value();
  EXPECT_STREQ(tr("a"), "甲");
  EXPECT_FALSE(tr.Has("no.such.key"));
  const char* shown = tr("no.such.key");
  EXPECT_STREQ(shown, "no.such.key");
  EXPECT_EQ(tr("no.such.key"), shown);  // the same stable pointer every frame
}

TEST(TranslationsTest, FormatFillsEveryPlaceholder) {
  const auto tr = Translations::Parse(R"({"range": "应在 {min} 到 {max} 之间，{min} 起"})").value();
  EXPECT_EQ(tr.Format("range", {{"min", "1"}, {"max", "60"}}), "应在 1 到 60 之间，1 起");
  EXPECT_EQ(tr.Format("missing", {{"n", "1"}}), "missing");
}

TEST(TranslationsTest, RejectsFilesThatAreNotFlatTextMaps) {
  EXPECT_FALSE(Translations::Parse("[1, 2]").ok());
  EXPECT_FALSE(Translations::Parse(R"({"a": {"b": "c"}})").ok());
  EXPECT_FALSE(Translations::Parse("{not json").ok());
  EXPECT_FALSE(Translations::Load("/nonexistent", Language::kZh).ok());
}

}  // namespace
}  // namespace relay::edge::ui
