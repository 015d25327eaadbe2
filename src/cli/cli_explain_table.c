/* SPDX-License-Identifier: MIT */
/*
 * The library's English messages as patterns ("%s" captures a part), each
 * with its retelling in English, Russian and Kazakh ("{1}" is the first
 * capture), for cli_explain.c. Data only: a new library message needs one
 * row here.
 */
#include "cli_explain_table.h"

const struct library_retelling cli_library[] = {
    /* Profiles. */
    {"the passport expires before it was issued",
     {"the passport's expiry date is before its date of issue",
      "дата окончания срока действия паспорта раньше даты его выдачи",
      "төлқұжаттың жарамдылық мерзімі оның берілген күнінен бұрын "
      "аяқталады"}},
    {"<request>: 'from' (%s) is after 'to'",
     {"the first day of the visa ({1}, <request from>) is after its last day "
      "(<request to>)",
      "дата начала срока визы ({1}, <request from>) позже даты его окончания "
      "(<request to>)",
      "визаның басталу күні ({1}, <request from>) аяқталу күнінен (<request "
      "to>) кейін"}},
    {"more than 20 dependants",
     {"more than 20 family members: a profile lists at most 20 <dependant>",
      "больше 20 членов семьи: в профиле не более 20 элементов <dependant>",
      "отбасы мүшелері 20-дан көп: профильде 20 <dependant> элементінен "
      "артық болмайды"}},
    {"a second <applicant>: one profile is for one applicant",
     {NULL, "второй элемент <applicant>: один профиль — на одного заявителя",
      "екінші <applicant> элементі: бір профиль бір өтініш берушіге "
      "арналған"}},
    {"the profile has no <applicant>",
     {"the profile has no <applicant> (the applicant)",
      "в профиле нет элемента <applicant> (заявителя)",
      "профильде <applicant> (өтініш беруші) элементі жоқ"}},
    {"expected <profile xmlns=\"%s\">, found <%s>",
     {"expected <profile xmlns=\"{1}\">, found <{2}>: this is not a qujat "
      "profile",
      "это не профиль qujat: ожидается <profile xmlns=\"{1}\">, а найден "
      "<{2}>",
      "бұл qujat профилі емес: <profile xmlns=\"{1}\"> күтілген, ал <{2}> "
      "табылды"}},
    /* A character the fonts lack, in a field of the profile or not. */
    {"%s: character %s '%s' is not in the font (%s covers Latin, Cyrillic "
     "with Kazakh letters)",
     {NULL,
      "{1}: символа {2} «{3}» нет в шрифте ({4} содержит латиницу и "
      "кириллицу с казахскими буквами)",
      "{1}: {2} «{3}» таңбасы қаріпте жоқ ({4} қарпі латын әріптерін және "
      "қазақ әріптері бар кирилл әріптерін қамтиды)"}},
    {"character %s '%s' in \"%s\" is not in the font (%s covers Latin, "
     "Cyrillic with Kazakh letters)",
     {NULL,
      "символа {1} «{2}» в тексте «{3}» нет в шрифте ({4} содержит латиницу "
      "и кириллицу с казахскими буквами)",
      "«{3}» мәтініндегі {1} «{2}» таңбасы қаріпте жоқ ({4} қарпі латын "
      "әріптерін және қазақ әріптері бар кирилл әріптерін қамтиды)"}},
    {"%s: no %s text for the letterhead in Kazakh and Russian (<company "
     "letterhead=\"kk+ru\">); add <%s xml:lang=\"%s\">...</%s>",
     {NULL,
      "{1}: нет текста на {2} языке для бланка на казахском и русском языках "
      "(<company letterhead=\"kk+ru\">); добавьте <{3} xml:lang=\"{4}\">..."
      "</{5}>",
      "{1}: қазақ және орыс тілдеріндегі бланк (<company letterhead=\"kk+ru\">) "
      "үшін {2} тіліндегі мәтін жоқ; <{3} xml:lang=\"{4}\">...</{5}> "
      "қосыңыз"}},
    /* Files. */
    {"cannot open: %s",
     {NULL, "не удаётся открыть файл: {1}", "файлды ашу мүмкін емес: {1}"}},
    {"is a directory, expected a file",
     {NULL, "это каталог, а нужен файл", "бұл каталог, ал файл керек"}},
    {"a DOCTYPE is not allowed (no DTDs or entities)",
     {NULL, "DOCTYPE не допускается (без DTD и сущностей)",
      "DOCTYPE қолданылмайды (DTD мен нысандарсыз)"}},
    {"invalid UTF-8 (qujat reads XML in UTF-8 only)",
     {NULL, "недопустимая последовательность UTF-8 (qujat читает XML только "
            "в UTF-8)",
      "UTF-8 қатесі (qujat XML файлын тек UTF-8 кодтауында оқиды)"}},
    /* Letters: the checks of qujat_letter_check (after the person). */
    {"names must be in Latin letters, as in the passport",
     {"the names may use Latin letters only (as in the passport)",
      "фамилия и имя указываются только латинскими буквами (как в паспорте)",
      "тегі мен аты тек латын әріптерімен жазылады (төлқұжаттағыдай)"}},
    {"the letter needs the birth-date",
     {NULL, "для письма нужна дата рождения (birth-date)",
      "хат үшін туған күні (birth-date) керек"}},
    {"the letter needs the sex (M or F)",
     {NULL, "для письма нужен пол (sex: M или F)",
      "хат үшін жынысы (sex: M немесе F) керек"}},
    {"the letter needs the citizenship",
     {NULL, "для письма нужно гражданство (citizenship)",
      "хат үшін азаматтығы (citizenship) керек"}},
    {"citizenship '%s' is not an ISO 3166-1 country code",
     {NULL, "гражданство «{1}» — не код страны по ISO 3166-1",
      "«{1}» азаматтығы – ISO 3166-1 бойынша ел коды емес"}},
    {"the letter needs the <passport number expires>",
     {NULL, "для письма нужны данные паспорта (<passport number expires>)",
      "хат үшін төлқұжат деректері (<passport number expires>) керек"}},
    {"the passport expires on %s; it must be valid at least %s months after "
     "the visa ends, until %s",
     {NULL,
      "паспорт действителен до {1}, а должен быть действителен не менее {2} "
      "мес. после окончания срока визы, то есть до {3}",
      "төлқұжат {1} дейін жарамды, ал ол виза аяқталғаннан кейін кемінде {2} "
      "ай, яғни {3} дейін жарамды болуы керек"}},
    {"the letter needs the <company name bin> that invites",
     {NULL, "для письма нужна приглашающая компания (<company name bin>)",
      "хат үшін шақырушы компания (<company name bin>) керек"}},
    {"<company>: the letter needs the name",
     {NULL, "<company>: для письма нужно наименование компании (name)",
      "<company>: хат үшін компанияның атауы (name) керек"}},
    {"<company>: the letter needs the bin, the 12-digit business "
     "identification number",
     {NULL,
      "<company>: для письма нужен БИН (bin) — бизнес-идентификационный "
      "номер из 12 цифр",
      "<company>: хат үшін БСН (bin) – 12 цифрдан тұратын "
      "бизнес-сәйкестендіру нөмірі керек"}},
    {"<company>: the letter needs the <head position name> who signs it",
     {NULL,
      "<company>: для письма нужен руководитель, который его подписывает "
      "(<head position name>)",
      "<company>: хатқа қол қоятын басшы (<head position name>) керек"}},
    {"the visa would run %s months; the Expat Centre arranges this service "
     "for up to %s",
     {NULL,
      "срок визы составил бы {1} мес.; Экспат-центр оказывает эту услугу на "
      "срок до {2} мес.",
      "визаның мерзімі {1} ай болар еді; Экспат орталығы бұл қызметті {2} "
      "айға дейінгі мерзімге көрсетеді"}},
    {"the visa would run %s days; the digest gives a category %s %s visa up "
     "to %s days",
     {NULL,
      "срок визы составил бы {1} дн.; по дайджесту {3} виза категории {2} "
      "выдаётся на срок до {4} дн.",
      "визаның мерзімі {1} күн болар еді; дайджест бойынша {2} санатындағы "
      "{3} виза {4} күнге дейін беріледі"}},
    {"the visa would run more than %s months; the digest gives a category %s "
     "%s visa up to %s months",
     {NULL,
      "срок визы превысил бы {1} мес.; по дайджесту {3} виза категории {2} "
      "выдаётся на срок до {4} мес.",
      "визаның мерзімі {1} айдан асар еді; дайджест бойынша {2} санатындағы "
      "{3} виза {4} айға дейін беріледі"}},
    {"the letter needs the <request category entries from to purpose>",
     {NULL,
      "для письма нужен запрос (<request category entries from to purpose>)",
      "хат үшін сұрау (<request category entries from to purpose>) керек"}},
    {"<request>: the letter needs the visa category (%s)",
     {NULL, "<request>: для письма нужна категория визы ({1})",
      "<request>: хат үшін виза санаты ({1}) керек"}},
    {"<request category=\"%s\">: this service is for category %s",
     {NULL, "<request category=\"{1}\">: эта услуга — для категории {2}",
      "<request category=\"{1}\">: бұл қызмет {2} санаты үшін"}},
    {"<request>: the letter needs entries (single or multiple)",
     {NULL,
      "<request>: для письма нужна кратность визы (entries: single или "
      "multiple)",
      "<request>: хат үшін визаның кіру саны (entries: single немесе "
      "multiple) керек"}},
    {"<request entries=\"%s\">: this service arranges %s visas",
     {NULL, "<request entries=\"{1}\">: по этой услуге оформляется только {2} "
            "виза",
      "<request entries=\"{1}\">: бұл қызмет бойынша тек {2} виза "
      "рәсімделеді"}},
    {"<request>: the letter needs the dates from and to",
     {NULL,
      "<request>: для письма нужны даты начала и окончания срока визы (from "
      "и to)",
      "<request>: хат үшін визаның басталу және аяқталу күндері (from және "
      "to) керек"}},
    {"<request>: the letter needs the purpose of the trip",
     {NULL, "<request>: для письма нужна цель поездки (purpose)",
      "<request>: хат үшін сапардың мақсаты (purpose) керек"}},
    {"<request>: an invitation needs the issue-place (the embassy or the "
     "airport)",
     {NULL,
      "<request>: для приглашения нужно место получения визы (issue-place: "
      "посольство или аэропорт)",
      "<request>: шақыру үшін визаны алу орны (issue-place: елшілік немесе "
      "әуежай) керек"}},
    {"%s: no %s text for a letter in %s; add <%s xml:lang=\"%s\">...</%s> "
     "(or --allow-mixed-language to print another language's text)",
     {NULL,
      "{1}: нет текста на языке письма ({5}); добавьте <{4} "
      "xml:lang=\"{5}\">...</{4}> (или укажите --allow-mixed-language, чтобы "
      "напечатать текст на другом языке)",
      "{1}: хат тіліндегі ({5}) мәтін жоқ; <{4} xml:lang=\"{5}\">...</{4}> "
      "қосыңыз (немесе басқа тілдегі мәтінді басу үшін "
      "--allow-mixed-language көрсетіңіз)"}},
    {"%s and %s have one passport number, %s: each person has their own "
     "passport",
     {NULL,
      "у {1} и {2} один и тот же номер паспорта ({3}): у каждого человека "
      "свой паспорт",
      "{1} және {2}: төлқұжат нөмірі бірдей ({3}); әр адамның өз төлқұжаты "
      "болады"}},
    {"copies: expected 1 to 10, got %s",
     {NULL, "число экземпляров: от 1 до 10, указано {1}",
      "даналар саны: 1-ден 10-ға дейін, көрсетілгені {1}"}},
    {"unknown service '%s' (qujat list shows the services)",
     {NULL, "неизвестная услуга «{1}» (список услуг: qujat list)",
      "белгісіз қызмет «{1}» (қызметтер тізімі: qujat list)"}},
    {"'%s' has no letter; letters are for %s",
     {NULL, "для «{1}» письмо не составляется; письма есть для: {2}",
      "«{1}» үшін хат жазылмайды; хат мына қызметтерге бар: {2}"}},
    {"a letter needs a profile (--profile P.xml)",
     {NULL, "для письма нужен профиль (--profile P.xml)",
      "хат үшін профиль (--profile P.xml) керек"}},
};

/* Words inside a capture: "single-entry" in "a category C3 %s visa". */
const text3 cli_capture_words[] = {
    {"single-entry", "однократная", "бір реттік"},
    {"multiple-entry", "многократная", "көп реттік"},
    {"Kazakh", "казахском", "қазақ"},
    {"Russian", "русском", "орыс"},
};

const size_t cli_nlibrary = sizeof cli_library / sizeof cli_library[0];
const size_t cli_ncapture_words =
    sizeof cli_capture_words / sizeof cli_capture_words[0];
