namespace Aquila.Tokens.Normalization;

/// <summary>Country codes and names read by <see cref="CountryTable"/>.</summary>
internal static class CountryData
{
    /// <summary>Codes that are not ISO 3166-1 but appear in records and travel documents.</summary>
    internal static readonly (string Alias, string Alpha2)[] CodeAliases =
    [
        ("XK", "XK"), ("XKX", "XK"), ("RKS", "XK"), ("UNK", "XK"), ("KOS", "XK"),
        ("UK", "GB"), ("EL", "GR"), ("SAD", "US"), ("D", "DE"), ("ROM", "RO"),
    ];

    /// <summary>ISO 3166-1: "alpha2-alpha3" pairs separated by spaces.</summary>
    internal const string IsoCodes =
        "AD-AND AE-ARE AF-AFG AG-ATG AI-AIA AL-ALB AM-ARM AO-AGO AQ-ATA AR-ARG AS-ASM AT-AUT AU-AUS AW-ABW AX-ALA " +
        "AZ-AZE BA-BIH BB-BRB BD-BGD BE-BEL BF-BFA BG-BGR BH-BHR BI-BDI BJ-BEN BL-BLM BM-BMU BN-BRN BO-BOL BQ-BES " +
        "BR-BRA BS-BHS BT-BTN BV-BVT BW-BWA BY-BLR BZ-BLZ CA-CAN CC-CCK CD-COD CF-CAF CG-COG CH-CHE CI-CIV CK-COK " +
        "CL-CHL CM-CMR CN-CHN CO-COL CR-CRI CU-CUB CV-CPV CW-CUW CX-CXR CY-CYP CZ-CZE DE-DEU DJ-DJI DK-DNK DM-DMA " +
        "DO-DOM DZ-DZA EC-ECU EE-EST EG-EGY EH-ESH ER-ERI ES-ESP ET-ETH FI-FIN FJ-FJI FK-FLK FM-FSM FO-FRO FR-FRA " +
        "GA-GAB GB-GBR GD-GRD GE-GEO GF-GUF GG-GGY GH-GHA GI-GIB GL-GRL GM-GMB GN-GIN GP-GLP GQ-GNQ GR-GRC GS-SGS " +
        "GT-GTM GU-GUM GW-GNB GY-GUY HK-HKG HM-HMD HN-HND HR-HRV HT-HTI HU-HUN ID-IDN IE-IRL IL-ISR IM-IMN IN-IND " +
        "IO-IOT IQ-IRQ IR-IRN IS-ISL IT-ITA JE-JEY JM-JAM JO-JOR JP-JPN KE-KEN KG-KGZ KH-KHM KI-KIR KM-COM KN-KNA " +
        "KP-PRK KR-KOR KW-KWT KY-CYM KZ-KAZ LA-LAO LB-LBN LC-LCA LI-LIE LK-LKA LR-LBR LS-LSO LT-LTU LU-LUX LV-LVA " +
        "LY-LBY MA-MAR MC-MCO MD-MDA ME-MNE MF-MAF MG-MDG MH-MHL MK-MKD ML-MLI MM-MMR MN-MNG MO-MAC MP-MNP MQ-MTQ " +
        "MR-MRT MS-MSR MT-MLT MU-MUS MV-MDV MW-MWI MX-MEX MY-MYS MZ-MOZ NA-NAM NC-NCL NE-NER NF-NFK NG-NGA NI-NIC " +
        "NL-NLD NO-NOR NP-NPL NR-NRU NU-NIU NZ-NZL OM-OMN PA-PAN PE-PER PF-PYF PG-PNG PH-PHL PK-PAK PL-POL PM-SPM " +
        "PN-PCN PR-PRI PS-PSE PT-PRT PW-PLW PY-PRY QA-QAT RE-REU RO-ROU RS-SRB RU-RUS RW-RWA SA-SAU SB-SLB SC-SYC " +
        "SD-SDN SE-SWE SG-SGP SH-SHN SI-SVN SJ-SJM SK-SVK SL-SLE SM-SMR SN-SEN SO-SOM SR-SUR SS-SSD ST-STP SV-SLV " +
        "SX-SXM SY-SYR SZ-SWZ TC-TCA TD-TCD TF-ATF TG-TGO TH-THA TJ-TJK TK-TKL TL-TLS TM-TKM TN-TUN TO-TON TR-TUR " +
        "TT-TTO TV-TUV TW-TWN TZ-TZA UA-UKR UG-UGA UM-UMI US-USA UY-URY UZ-UZB VA-VAT VC-VCT VE-VEN VG-VGB VI-VIR " +
        "VN-VNM VU-VUT WF-WLF WS-WSM YE-YEM YT-MYT ZA-ZAF ZM-ZMB ZW-ZWE";

    /// <summary>Names by alpha-2 code, '|'-separated: English, local, neighbouring languages, German.</summary>
    internal static readonly (string Alpha2, string Names)[] Names =
    [
        ("RS", "Serbia|Republic of Serbia|Srbija|Republika Srbija|Србија|Република Србија|Serbien|Serbie|Serbi|Сърбия"),
        ("ME", "Montenegro|Crna Gora|Црна Гора|Mali i Zi|Mal i Zi|Черна гора|Monténégro"),
        ("BA", "Bosnia and Herzegovina|Bosnia Herzegovina|Bosnia|Bosna i Hercegovina|Bosna i Hercegovina|Bosna|" +
            "Босна и Херцеговина|Босна|Bosnja dhe Hercegovina|Bosnja e Hercegovina|Bosnien und Herzegowina|" +
            "Bosnien Herzegowina|Bosnie Herzegovine|BiH|БиХ"),
        ("MK", "North Macedonia|Republic of North Macedonia|Macedonia|Sjeverna Makedonija|Severna Makedonija|" +
            "Северна Македонија|Република Северна Македонија|Македонија|Makedonija|Maqedonia e Veriut|Maqedonia|" +
            "Maqedoni|FYROM|Nordmazedonien|Mazedonien|Северна Македония|Македония|Macédoine du Nord"),
        ("AL", "Albania|Republic of Albania|Albanija|Албанија|Shqipëri|Shqipëria|Shqipni|Republika e Shqipërisë|" +
            "Albanien|Albanie|Албания"),
        ("XK", "Kosovo|Republic of Kosovo|Kosova|Kosovë|Republika e Kosovës|Republika Kosovo|Косово|Kosovo i Metohija|" +
            "Косово и Метохија"),
        ("HR", "Croatia|Hrvatska|Republika Hrvatska|Хрватска|Kroacia|Kroatien|Croatie|Хърватия"),
        ("SI", "Slovenia|Slovenija|Republika Slovenija|Словенија|Sllovenia|Slowenien|Slovénie|Словения"),
        ("BG", "Bulgaria|Bugarska|Бугарска|България|Bullgaria|Bulgarien|Bulgarie"),
        ("RO", "Romania|Rumunija|Rumunjska|Румунија|România|Rumania|Rumänien|Roumanie|Румъния"),
        ("HU", "Hungary|Mađarska|Madjarska|Мађарска|Magyarország|Hungaria|Hungari|Ungarn|Hongrie|Унгария"),
        ("AT", "Austria|Austrija|Аустрија|Österreich|Austri|Autriche|Австрия"),
        ("MD", "Moldova|Republic of Moldova|Moldavija|Молдавија|Молдова|Moldavia|Republica Moldova|Moldau|Moldavie"),
        ("GR", "Greece|Grčka|Грчка|Greqia|Greqi|Ελλάδα|Ελλάς|Hellas|Griechenland|Grèce|Гърция"),
        ("TR", "Turkey|Türkiye|Turkiye|Turska|Турска|Turqia|Turqi|Türkei|Turquie|Турция"),
        ("DE", "Germany|Njemačka|Nemačka|Немачка|Deutschland|Gjermania|Gjermani|Германия|Германија|Allemagne"),
        ("IT", "Italy|Italija|Италија|Italia|Itali|Italien|Italie|Италия"),
        ("FR", "France|Francuska|Француска|Franca|Francë|Frankreich|Франция"),
        ("CH", "Switzerland|Švicarska|Švajcarska|Швајцарска|Zvicra|Zvicër|Schweiz|Suisse|Svizzera|Швейцария"),
        ("SE", "Sweden|Švedska|Шведска|Suedia|Suedi|Schweden|Suède|Швеция"),
        ("NL", "Netherlands|The Netherlands|Holland|Holandija|Nizozemska|Холандија|Холандия|Holanda|Hollanda|" +
            "Niederlande|Nederland|Pays Bas"),
        ("BE", "Belgium|Belgija|Белгија|Belgjika|Belgjikë|Belgien|Belgique|Белгия"),
        ("GB", "United Kingdom|Great Britain|Britain|England|Velika Britanija|Велика Британија|Ujedinjeno Kraljevstvo|" +
            "Уједињено Краљевство|Mbretëria e Bashkuar|Britania e Madhe|Vereinigtes Königreich|Обединеното кралство"),
        ("US", "United States|United States of America|Sjedinjene Američke Države|Sjedinjene Države|" +
            "Сједињене Америчке Државе|Amerika|Америка|Shtetet e Bashkuara|Shtetet e Bashkuara të Amerikës|SHBA|" +
            "Vereinigte Staaten|САЩ|SAD|САД"),
        ("SY", "Syria|Syrian Arab Republic|Sirija|Сирија|Siria|Syrien|Syrie|Сирия"),
        ("IQ", "Iraq|Irak|Ирак|Iraku"),
        ("AF", "Afghanistan|Avganistan|Afganistan|Авганистан|Afganistani|Афганистан"),
        ("IR", "Iran|Islamic Republic of Iran|Иран|Irani"),
        ("PK", "Pakistan|Пакистан|Pakistani"),
        ("SA", "Saudi Arabia|Saudijska Arabija|Саудијска Арабија|Arabia Saudite|Saudi Arabien"),
        ("EG", "Egypt|Egipat|Египат|Egjipti|Ägypten"),
        ("LY", "Libya|Libija|Либија|Libia|Libyen"),
        ("TN", "Tunisia|Tunis|Тунис|Tunizi|Tunesien"),
        ("DZ", "Algeria|Alžir|Алжир|Algjeri|Algerien"),
        ("MA", "Morocco|Maroko|Мароко|Marok|Marokko"),
        ("JO", "Jordan|Jordan|Јордан|Jordani|Jordanien"),
        ("LB", "Lebanon|Liban|Либан|Libani|Libanon"),
        ("PS", "Palestine|State of Palestine|Palestina|Палестина"),
        ("IL", "Israel|Izrael|Израел|Izraeli"),
        ("CY", "Cyprus|Kipar|Кипар|Qipro|Zypern"),
        ("MT", "Malta|Малта"),
        ("CZ", "Czechia|Czech Republic|Češka|Чешка|Republika Češka|Çekia|Tschechien"),
        ("SK", "Slovakia|Slovačka|Словачка|Sllovakia|Slowakei"),
        ("PL", "Poland|Poljska|Пољска|Polonia|Polen"),
        ("UA", "Ukraine|Ukrajina|Украјина|Україна|Украйна|Ukraina"),
        ("RU", "Russia|Russian Federation|Rusija|Руска Федерација|Русија|Россия|Rusia|Russland|Русия"),
        ("BY", "Belarus|Bjelorusija|Belorusija|Белорусија|Беларусь|Bjellorusia|Weißrussland"),
        ("ES", "Spain|Španija|Španjolska|Шпанија|Spanja|España|Spanien"),
        ("PT", "Portugal|Португал|Portugalia|Portugalija"),
        ("DK", "Denmark|Danska|Данска|Danimarka|Dänemark"),
        ("NO", "Norway|Norveška|Норвешка|Norvegji|Norwegen|Norge"),
        ("FI", "Finland|Finska|Финска|Finlanda|Finnland|Suomi"),
        ("IE", "Ireland|Irska|Ирска|Irlanda|Irland"),
        ("LU", "Luxembourg|Luksemburg|Луксембург|Luksemburgu|Luxemburg"),
        ("LI", "Liechtenstein|Lihtenštajn|Лихтенштајн"),
        ("CA", "Canada|Kanada|Канада"),
        ("AU", "Australia|Australija|Аустралија|Australien"),
        ("CN", "China|Kina|Кина|Kinë"),
        ("IN", "India|Indija|Индија|Indien"),
        ("GE", "Georgia|Gruzija|Грузија|Gjeorgji|Georgien"),
        ("AM", "Armenia|Jermenija|Armenija|Јерменија|Armeni|Armenien"),
        ("AZ", "Azerbaijan|Azerbejdžan|Азербејџан|Azerbajxhan|Aserbaidschan"),
        ("KZ", "Kazakhstan|Kazahstan|Казахстан|Kasachstan"),
        ("UZ", "Uzbekistan|Узбекистан|Usbekistan"),
        ("TJ", "Tajikistan|Tadžikistan|Таџикистан|Tadschikistan"),
        ("KG", "Kyrgyzstan|Kirgistan|Киргистан|Kirgisistan"),
        ("TM", "Turkmenistan|Туркменистан"),
        ("SO", "Somalia|Somalija|Сомалија"),
        ("ER", "Eritrea|Eritreja|Еритреја"),
        ("ET", "Ethiopia|Etiopija|Етиопија|Äthiopien"),
        ("SD", "Sudan|Судан"),
        ("NG", "Nigeria|Nigerija|Нигерија"),
        ("YE", "Yemen|Jemen|Јемен"),
        ("KW", "Kuwait|Kuvajt|Кувајт"),
        ("QA", "Qatar|Katar|Катар"),
        ("AE", "United Arab Emirates|Ujedinjeni Arapski Emirati|Уједињени Арапски Емирати|Emiratet e Bashkuara Arabe"),
        ("BD", "Bangladesh|Bangladeš|Бангладеш"),
        ("LT", "Lithuania|Litvanija|Litva|Литванија|Litauen"),
        ("LV", "Latvia|Letonija|Latvija|Летонија|Lettland"),
        ("EE", "Estonia|Estonija|Естонија|Estland"),
        ("IS", "Iceland|Island|Исланд"),
    ];
}
