"""Demo content: the multi-faith and cultural calendar, its seven faith and tradition pages
(the seed page lists Buddhism, Hinduism, Islam, Judaism, Sikhism and UK cultural events; the
issue adds Christianity) and their main observances, with dates computed for this year and the
next two.

The workplace summaries were written for this demo: general, neutral and practical, and they
say that practice varies. They quote no figures. Editors should review them with colleagues
and faith networks before relying on them.
"""

from django.db import transaction
from django.utils import timezone

from calendars.management.commands.compute_observance_dates import DEFAULT_YEARS_AHEAD
from calendars.models import CalendarPage, FaithPage, Observance
from calendars.rules import Festival, HebrewMonth, HijriMonth, RuleType, Weekday, WeekOfMonth
from goodpractice.home.demo_content import add_navigation_link, child_page
from goodpractice.home.models import HomePage

CALENDAR_INTRODUCTION = (
    "Faith and cultural observances through the year, to help trainers and rota planners "
    "schedule timetables, exams, teaching and rotas, and to understand what colleagues and "
    "learners may need."
)

ABOUT_DATES = (
    "<p>Dates are calculated from each faith's calendar. Islamic dates depend on the sighting "
    "of the new moon, so they are estimates until they are announced and may move by a day. "
    "Many observances differ between traditions and communities. When in doubt, ask your "
    "colleagues: they are the best guide to what they observe and what they need.</p>"
    "<p>Summaries were written for the workplace. They are general and cannot describe every "
    "tradition.</p>"
)


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


FAITHS = [
    {
        "slug": "buddhism",
        "title": "Buddhism",
        "introduction": "Buddhism follows the teachings of the Buddha. There are several "
        "traditions, including Theravada, Mahayana (including Zen) and Tibetan Buddhism, and "
        "practice varies between them.",
        "key_beliefs": p(
            "Buddhists follow the Buddha's teaching (the Dharma) on the causes of suffering and "
            "the path to freedom from it. Many follow five precepts, which include not harming "
            "living beings. Meditation is a central practice for many."
        ),
        "prayer": p(
            "There are no set daily prayer times for most Buddhists. Many meditate or chant "
            "daily, at home or at a temple or centre, and may welcome a quiet space."
        ),
        "diet": p(
            "Many Buddhists are vegetarian or vegan, and some avoid alcohol. Offer vegetarian "
            "and vegan options at events and label ingredients."
        ),
        "dress": p(
            "There is usually no particular dress for lay Buddhists. Monks and nuns wear robes."
        ),
        "fasting": p(
            "Some Buddhists fast or eat only before midday on certain days, such as full-moon "
            "days or festivals."
        ),
        "festivals": p(
            "Festivals vary by tradition. Vesak (Buddha Day), marking the Buddha's birth, "
            "enlightenment and passing, is the most widely observed. Many festivals follow the "
            "lunar calendar, so dates differ between communities."
        ),
        "planning": p(
            "Some colleagues may ask for leave for Vesak or for their tradition's festivals. "
            "Ask individuals which days matter to them, as dates differ by tradition."
        ),
    },
    {
        "slug": "christianity",
        "title": "Christianity",
        "introduction": "Christianity is based on the life and teaching of Jesus Christ. Its "
        "main traditions include Roman Catholic, Orthodox and Protestant churches, and "
        "practice varies between and within them.",
        "key_beliefs": p(
            "Christians believe in one God, and that Jesus is the Son of God, who died and rose "
            "again. Sunday is a day of worship and, for some, of rest."
        ),
        "prayer": p(
            "Many Christians pray privately each day and attend church on Sundays and at major "
            "festivals. Some may ask to avoid working on Sunday mornings."
        ),
        "diet": p(
            "Most Christians have no dietary rules. Some avoid meat on Fridays, particularly "
            "during Lent, and some do not drink alcohol."
        ),
        "dress": p(
            "There is usually no required dress. Some Christians wear a cross or crucifix; "
            "follow your organisation's uniform and infection control policy and discuss "
            "adjustments with the individual."
        ),
        "fasting": p(
            "Some Christians fast or give something up during Lent, the weeks before Easter. "
            "Orthodox Christians may keep longer and stricter fasts, for example before Easter "
            "and Christmas."
        ),
        "festivals": p(
            "Christmas and Easter are the main festivals. Orthodox churches often celebrate "
            "them on different dates because they follow the Julian calendar."
        ),
        "planning": p(
            "Christmas Day, Good Friday and Easter Monday are bank holidays in England and "
            "Wales. Orthodox Christian colleagues may ask for leave for Orthodox Christmas "
            "(7 January) and Orthodox Easter, which are not bank holidays."
        ),
    },
    {
        "slug": "hinduism",
        "title": "Hinduism",
        "introduction": "Hinduism (Sanatana Dharma) is a family of traditions that originated "
        "in South Asia, with many deities, scriptures and ways of practice.",
        "key_beliefs": p(
            "Many Hindus believe in a supreme reality (Brahman) worshipped in many forms, in "
            "karma (the consequences of actions) and in reincarnation. Practice varies widely "
            "between communities and families."
        ),
        "prayer": p(
            "Many Hindus worship (puja) daily at a home shrine, often in the morning and "
            "evening, and visit a mandir (temple) for festivals."
        ),
        "diet": p(
            "Many Hindus are vegetarian, and most who eat meat avoid beef. Some also avoid "
            "eggs, onion and garlic. Offer vegetarian options and label ingredients."
        ),
        "dress": p(
            "Some Hindu women wear a bindi or, if married, sindoor in the hair parting. Some "
            "Hindus wear a sacred thread; discuss any conflict with infection control policy "
            "with the individual."
        ),
        "fasting": p(
            "Many Hindus fast on particular days of the week or at festivals such as Navaratri "
            "and Maha Shivaratri. A fast may mean avoiding certain foods rather than all food."
        ),
        "festivals": p(
            "Diwali, Holi and Navaratri are among the most widely celebrated. Dates follow the "
            "Hindu lunisolar calendar and can differ between regional traditions."
        ),
        "planning": p(
            "Colleagues may ask for leave for Diwali and other festivals. Dates can differ by "
            "a day between communities, so ask the individual which day they will mark."
        ),
    },
    {
        "slug": "islam",
        "title": "Islam",
        "introduction": "Islam is a monotheistic faith based on the Qur'an and the teaching "
        "of the Prophet Muhammad. Its main traditions are Sunni and Shia.",
        "key_beliefs": p(
            "Muslims believe in one God (Allah). The five pillars of Islam are the declaration "
            "of faith, prayer, charity, fasting in Ramadan and, for those able, pilgrimage "
            "(Hajj) to Mecca."
        ),
        "prayer": p(
            "Many Muslims pray five times a day at set times that change through the year with "
            "the sun. Each prayer takes a few minutes and needs a clean, quiet space and "
            "somewhere to wash beforehand. Friday midday prayer (Jumu'ah) is usually "
            "congregational, at a mosque."
        ),
        "diet": p(
            "Muslims eat halal food and do not eat pork or drink alcohol. Some avoid medicines "
            "or products containing alcohol or gelatine of animal origin; offer alternatives "
            "where they exist. Label food at events."
        ),
        "dress": p(
            "Many Muslim women wear a headscarf (hijab) and some wear a face veil. Many Muslims "
            "dress modestly. NHS uniform policies usually allow arrangements compatible with "
            "infection control, such as disposable over-sleeves for 'bare below the elbows'."
        ),
        "fasting": p(
            "During Ramadan most adult Muslims fast from dawn to sunset, with no food or drink, "
            "including water. Those who are ill, pregnant, breastfeeding or travelling may be "
            "exempt. Fasting can affect energy late in the day and during long shifts."
        ),
        "festivals": p(
            "Eid al-Fitr marks the end of Ramadan; Eid al-Adha falls during the Hajj. The Islamic "
            "calendar is lunar, so dates move about 11 days earlier each year, and each month "
            "begins with the sighting of the new moon."
        ),
        "planning": p(
            "Colleagues commonly ask for leave for Eid, and the exact day may only be confirmed "
            "the evening before, so plan flexible cover. During Ramadan, consider scheduling "
            "demanding tasks and exams earlier in the day, allowing a break at sunset to break "
            "the fast, and being flexible with night shifts."
        ),
    },
    {
        "slug": "judaism",
        "title": "Judaism",
        "introduction": "Judaism is the religion of the Jewish people, based on the Torah. "
        "Traditions include Orthodox, Masorti, Reform and Liberal Judaism, and observance "
        "varies.",
        "key_beliefs": p(
            "Jews believe in one God and follow the Torah and the teaching built upon it. The "
            "Sabbath (Shabbat) runs from before sunset on Friday until nightfall on Saturday."
        ),
        "prayer": p(
            "Observant Jews pray three times a day, and men may pray with a group of ten "
            "(a minyan). Many observant Jews do not work on Shabbat or on major festivals."
        ),
        "diet": p(
            "Many Jews keep kosher: no pork or shellfish, meat from animals slaughtered in a "
            "particular way, and meat and dairy kept apart. Observance varies; offer sealed "
            "kosher meals or vegetarian options, and ask."
        ),
        "dress": p(
            "Some Jewish men wear a skullcap (kippah) and some married women cover their hair. "
            "Some Orthodox Jews dress modestly."
        ),
        "fasting": p(
            "Yom Kippur is a 25-hour fast with no food or drink, from before sunset to "
            "nightfall the next day. Tisha B'Av is also a full fast, and there are several "
            "shorter daytime fasts."
        ),
        "festivals": p(
            "The major festivals are Rosh Hashanah, Yom Kippur, Sukkot, Passover (Pesach) and "
            "Shavuot. Every Jewish day begins at sunset, so festivals start the evening before "
            "the first date shown."
        ),
        "planning": p(
            "Observant colleagues may need to leave early on Fridays in winter to be home "
            "before Shabbat begins, and may not work on Shabbat or festival days. Avoid "
            "scheduling exams and teaching on major festivals, and remember that they begin "
            "the evening before."
        ),
    },
    {
        "slug": "sikhism",
        "title": "Sikhism",
        "introduction": "Sikhism was founded in the Punjab by Guru Nanak and developed by the "
        "nine Gurus who followed him. Its scripture, the Guru Granth Sahib, is revered as the "
        "living Guru.",
        "key_beliefs": p(
            "Sikhs believe in one God, in equality of all people, in honest work, in sharing "
            "with others and in remembering God. Sikhs who are initiated (Amritdhari) keep the "
            "five articles of faith."
        ),
        "prayer": p(
            "Many Sikhs pray in the morning and evening and attend the gurdwara, often on "
            "Sundays in the UK. Prayers can be said anywhere."
        ),
        "diet": p(
            "Many Sikhs are vegetarian, and initiated Sikhs do not eat halal or kosher meat. "
            "Sikhs do not drink alcohol or use tobacco. The gurdwara's free kitchen (langar) "
            "serves vegetarian food to all."
        ),
        "dress": p(
            "Initiated Sikhs keep the five Ks: uncut hair (kesh), a wooden comb (kanga), a "
            "steel bracelet (kara), a short sword (kirpan) and cotton undershorts (kachera). "
            "Many Sikh men and some women wear a turban. Discuss the kara and kirpan with the "
            "individual when applying infection control and security policies."
        ),
        "fasting": p("Fasting is not a religious practice in Sikhism."),
        "festivals": p(
            "Vaisakhi, Bandi Chhor Divas and the Gurpurabs (anniversaries of the Gurus) are the "
            "main festivals. Some gurdwaras use the Nanakshahi calendar and others the "
            "traditional lunar calendar, so some dates differ between communities."
        ),
        "planning": p(
            "Colleagues may ask for leave for Vaisakhi, Bandi Chhor Divas and Guru Nanak "
            "Gurpurab. Ask which date their gurdwara observes."
        ),
    },
    {
        "slug": "uk-cultural-events",
        "title": "UK cultural events",
        "introduction": "Days and months of remembrance, awareness and celebration marked "
        "across the UK, which teams may want to recognise in teaching and communications.",
        "key_beliefs": "",
        "prayer": "",
        "diet": "",
        "dress": "",
        "fasting": "",
        "festivals": p(
            "These events are not religious observances (though some have religious roots). "
            "Most do not affect working patterns, but they are good moments for learning, "
            "reflection and recognising colleagues' histories and identities."
        ),
        "planning": p(
            "Consider linking teaching and communications to these events, and avoid "
            "scheduling clashes with events that colleagues organise for them, such as the "
            "two-minute silence on Armistice Day."
        ),
    },
]

# (faith slug, name, summary, guidance, rule, impacts, extra fields)
EVENING = "begins_evening_before"
FAST = "involves_fasting"
LEAVE = "work_restricted"
PRAYER = "involves_prayer"
DIET = "dietary_needs"


def fixed(month, day):
    return {"rule_type": RuleType.FIXED, "month": month, "day": day}


def easter(offset=0):
    return {"rule_type": RuleType.WESTERN_EASTER, "offset_days": offset}


def hijri(month, day):
    return {"rule_type": RuleType.HIJRI, "hijri_month": month, "day": day}


def hebrew(month, day):
    return {"rule_type": RuleType.HEBREW, "hebrew_month": month, "day": day}


def festival(name, offset=0):
    return {"rule_type": RuleType.FESTIVAL_TABLE, "festival": name, "offset_days": offset}


OBSERVANCES = [
    # Buddhism
    ("buddhism", "Parinirvana Day", "Marks the passing of the Buddha into final nirvana. "
     "Observed mainly in Mahayana traditions; some mark it on 8 February.",
     "A time of reflection; some colleagues may visit a temple.", fixed(2, 15), [PRAYER], {}),
    ("buddhism", "Vesak (Buddha Day)", "The most widely observed Buddhist festival, marking "
     "the Buddha's birth, enlightenment and passing.", "Some colleagues may ask for leave or "
     "to attend a temple. Offer vegetarian food at events.", festival(Festival.VESAK),
     [PRAYER, LEAVE], {"date_note": "Traditions differ: many mark Vesak at the full moon in "
     "May, some in April or June."}),
    ("buddhism", "Bodhi Day", "Marks the Buddha's enlightenment, observed mainly in Mahayana "
     "and Zen traditions.", "Some colleagues may meditate or attend a centre.", fixed(12, 8),
     [PRAYER], {}),
    # Christianity
    ("christianity", "Ash Wednesday", "The first day of Lent, when many Christians attend a "
     "service and some receive a cross of ash on the forehead.", "Some colleagues fast or "
     "attend a service; avoid comments on the ash mark.", easter(-46), [PRAYER, FAST], {}),
    ("christianity", "Lent", "The 40 days (not counting Sundays) of preparation for Easter. "
     "Many Christians give something up or take on a spiritual practice.", "Some colleagues "
     "fast or avoid certain foods; check catering.", easter(-46), [FAST, DIET],
     {"duration_days": 46}),
    ("christianity", "Good Friday", "Remembers the crucifixion of Jesus. A bank holiday in the "
     "UK.", "Many Christians attend services; avoid scheduling teaching.", easter(-2),
     [LEAVE, PRAYER, FAST], {}),
    ("christianity", "Easter Sunday", "Celebrates the resurrection of Jesus: the most important "
     "Christian festival.", "Many colleagues attend church and ask for leave over Easter "
     "weekend; Easter Monday is a bank holiday in England, Wales and Northern Ireland.",
     easter(0), [LEAVE, PRAYER], {}),
    ("christianity", "Orthodox Easter", "Easter as celebrated by Orthodox churches (Greek, "
     "Russian, Romanian, Serbian, Ethiopian, Eritrean and others), often later than in the "
     "Western churches.", "Orthodox colleagues may ask for leave; it is not a UK bank holiday. "
     "Many keep a strict fast in the weeks before.", {"rule_type": RuleType.ORTHODOX_EASTER},
     [LEAVE, PRAYER, EVENING], {"date_note": "Services begin on the evening before (Holy "
     "Saturday night)."}),
    ("christianity", "Pentecost", "Celebrates the coming of the Holy Spirit, fifty days after "
     "Easter.", "Some colleagues attend church.", easter(49), [PRAYER], {}),
    ("christianity", "Christmas Day", "Celebrates the birth of Jesus. A bank holiday in the "
     "UK.", "Many colleagues ask for leave over Christmas; share holiday rotas fairly.",
     fixed(12, 25), [LEAVE, PRAYER], {}),
    ("christianity", "Orthodox Christmas", "Christmas as celebrated by Orthodox churches that "
     "follow the Julian calendar.", "Orthodox colleagues may ask for leave; it is not a UK bank "
     "holiday. Many fast beforehand.", fixed(1, 7), [LEAVE, PRAYER], {}),
    # Hinduism
    ("hinduism", "Maha Shivaratri", "A festival honouring Lord Shiva, with night-long worship "
     "and fasting.", "Some colleagues fast and stay up through the night at the mandir; "
     "consider this for next-day shifts.", festival(Festival.MAHA_SHIVARATRI), [FAST, PRAYER],
     {}),
    ("hinduism", "Holi", "The spring festival of colours, celebrating the triumph of good over "
     "evil and the arrival of spring.", "Colleagues may ask for leave or celebrate at the "
     "weekend.", festival(Festival.HOLI), [LEAVE], {"date_note": "Holika Dahan, a bonfire, "
     "is held the evening before."}),
    ("hinduism", "Raksha Bandhan", "Celebrates the bond between brothers and sisters; sisters "
     "tie a thread (rakhi) on their brothers' wrists.", "Some colleagues may wear a rakhi; "
     "discuss infection control sensitively.", festival(Festival.RAKSHA_BANDHAN), [], {}),
    ("hinduism", "Janmashtami", "Celebrates the birth of Lord Krishna.", "Some colleagues fast "
     "until midnight and attend the mandir in the evening.", festival(Festival.JANMASHTAMI),
     [FAST, PRAYER], {}),
    ("hinduism", "Navaratri", "Nine nights of worship of the goddess Durga in her forms, often "
     "with evening dancing (garba).", "Some colleagues fast or eat only certain foods, and "
     "attend the mandir in the evenings; consider late shifts.", festival(Festival.NAVARATRI),
     [FAST, PRAYER, DIET], {"duration_days": 9}),
    ("hinduism", "Dussehra (Vijayadashami)", "Marks the victory of good over evil, at the end "
     "of Navaratri.", "Some colleagues may ask for leave.", festival(Festival.DUSSEHRA),
     [PRAYER], {}),
    ("hinduism", "Diwali", "The festival of lights, celebrating the triumph of light over "
     "darkness. Families light lamps, share sweets and worship Lakshmi.", "Many colleagues "
     "ask for leave; avoid exams and key teaching. Offer vegetarian food at celebrations.",
     festival(Festival.DIWALI), [LEAVE, PRAYER], {"date_note": "Diwali is a festival of five "
     "days; the main day (Lakshmi Puja) is shown. Some communities celebrate a day earlier or "
     "later."}),
    # Islam
    ("islam", "Ramadan", "The month of fasting from dawn to sunset, prayer and charity.",
     "Consider scheduling exams and demanding tasks earlier in the day, allow a break at "
     "sunset to break the fast, and be flexible with shifts. Avoid lunchtime meetings with "
     "food.", hijri(HijriMonth.RAMADAN, 1), [FAST, PRAYER, EVENING, DIET],
     {"duration_days": 30, "date_note": "Begins and ends with the sighting of the moon, and "
     "lasts 29 or 30 days."}),
    ("islam", "Laylat al-Qadr (Night of Power)", "Marks the night the Qur'an was first "
     "revealed; observed with night-long prayer, most often on the 27th night of Ramadan.",
     "Some colleagues pray through the night; consider this for next-day shifts.",
     hijri(HijriMonth.RAMADAN, 27), [PRAYER, EVENING, FAST], {"date_note": "It is sought in "
     "the odd nights of the last ten days of Ramadan."}),
    ("islam", "Eid al-Fitr", "The festival marking the end of Ramadan, with morning prayers, "
     "charity and family celebrations.", "Many colleagues ask for leave. The day is confirmed "
     "by moon sighting, often only the evening before, so plan flexible cover for the day "
     "shown and the day after.", hijri(HijriMonth.SHAWWAL, 1), [LEAVE, PRAYER],
     {"date_note": "May fall a day later than shown, depending on the moon sighting."}),
    ("islam", "Day of Arafah", "The most important day of the Hajj pilgrimage. Many Muslims "
     "not on pilgrimage fast.", "Some colleagues fast from dawn to sunset.",
     hijri(HijriMonth.DHU_AL_HIJJAH, 9), [FAST, PRAYER], {}),
    ("islam", "Eid al-Adha", "The festival of sacrifice, at the end of the Hajj, "
     "remembering the Prophet Ibrahim's obedience to God. Celebrated over several days.",
     "Many colleagues ask for leave, especially on the first day. Plan flexible cover.",
     hijri(HijriMonth.DHU_AL_HIJJAH, 10), [LEAVE, PRAYER, DIET],
     {"duration_days": 3, "date_note": "May move by a day, depending on the moon sighting."}),
    ("islam", "Islamic New Year", "The first day of Muharram, the start of the Islamic year.",
     "Usually no change to working patterns.", hijri(HijriMonth.MUHARRAM, 1), [EVENING], {}),
    ("islam", "Ashura", "The 10th of Muharram. Many Sunni Muslims fast; Shia Muslims mourn the "
     "martyrdom of Imam Husayn.", "Some colleagues fast, and some Shia colleagues attend "
     "mourning gatherings and may ask for leave.", hijri(HijriMonth.MUHARRAM, 10),
     [FAST, PRAYER, EVENING], {}),
    # Judaism
    ("judaism", "Rosh Hashanah (Jewish New Year)", "The Jewish New Year, a time of "
     "reflection, with synagogue services and the blowing of the shofar.", "Observant "
     "colleagues will not work on either day; avoid exams and teaching.",
     hebrew(HebrewMonth.TISHREI, 1), [EVENING, LEAVE, PRAYER], {"duration_days": 2}),
    ("judaism", "Yom Kippur (Day of Atonement)", "The holiest day of the Jewish year: a "
     "25-hour fast with prayer, from before sunset until nightfall.", "Many Jewish "
     "colleagues, including many who are not otherwise observant, will not work. Avoid exams "
     "and teaching, and the afternoon before.", hebrew(HebrewMonth.TISHREI, 10),
     [EVENING, FAST, LEAVE, PRAYER], {}),
    ("judaism", "Sukkot", "The festival of Tabernacles, when meals are eaten in a temporary "
     "hut (sukkah).", "Observant colleagues will not work on the first two days.",
     hebrew(HebrewMonth.TISHREI, 15), [EVENING, LEAVE, PRAYER], {"duration_days": 7}),
    ("judaism", "Shemini Atzeret and Simchat Torah", "The festivals that close Sukkot; "
     "Simchat Torah celebrates completing the annual reading of the Torah.", "Observant "
     "colleagues will not work on either day.", hebrew(HebrewMonth.TISHREI, 22),
     [EVENING, LEAVE, PRAYER], {"duration_days": 2}),
    ("judaism", "Hanukkah", "The eight-day festival of lights, remembering the rededication of "
     "the Temple in Jerusalem. Candles are lit each evening.", "Usually no change to working "
     "patterns; some colleagues like to be home to light candles.",
     hebrew(HebrewMonth.KISLEV, 25), [EVENING], {"duration_days": 8}),
    ("judaism", "Purim", "Celebrates the story of Esther, with a reading in the synagogue, "
     "gifts of food and charity.", "Some colleagues attend synagogue in the evening and "
     "morning.", hebrew(HebrewMonth.ADAR, 14), [EVENING, PRAYER], {}),
    ("judaism", "Passover (Pesach)", "Remembers the Exodus from Egypt. It begins with the "
     "Seder meal and lasts eight days in the UK, during which no leavened food is eaten.",
     "Observant colleagues will not work on the first two and last two days. Check catering: "
     "no bread, pasta or other leavened food.", hebrew(HebrewMonth.NISAN, 15),
     [EVENING, LEAVE, DIET, PRAYER], {"duration_days": 8}),
    ("judaism", "Shavuot", "Celebrates the giving of the Torah at Mount Sinai.", "Observant "
     "colleagues will not work on either day.", hebrew(HebrewMonth.SIVAN, 6),
     [EVENING, LEAVE, PRAYER], {"duration_days": 2}),
    ("judaism", "Tisha B'Av", "A fast day remembering the destruction of the Temples in "
     "Jerusalem.", "Some colleagues fast for 25 hours; consider demanding shifts.",
     hebrew(HebrewMonth.AV, 9), [EVENING, FAST], {"date_note": "When it falls on Shabbat, the "
     "fast moves to the Sunday."}),
    # Sikhism
    ("sikhism", "Guru Gobind Singh Gurpurab", "Celebrates the birth of Guru Gobind Singh, the "
     "tenth Guru.", "Some colleagues attend the gurdwara.",
     festival(Festival.GURU_GOBIND_SINGH_GURPURAB), [PRAYER], {"date_note": "Gurdwaras "
     "following the Nanakshahi calendar mark it on 5 January."}),
    ("sikhism", "Vaisakhi", "Celebrates the founding of the Khalsa in 1699 and the spring "
     "harvest, with processions (Nagar Kirtan).", "Many colleagues ask for leave or attend "
     "the gurdwara; processions are often at the weekend.", festival(Festival.VAISAKHI),
     [LEAVE, PRAYER], {}),
    ("sikhism", "Martyrdom of Guru Arjan Dev", "Remembers the fifth Guru, the first Sikh "
     "martyr. Many gurdwaras offer cold sweetened drinks to passers-by.", "Some colleagues "
     "attend the gurdwara.", festival(Festival.GURU_ARJAN_DEV_MARTYRDOM), [PRAYER], {}),
    ("sikhism", "Bandi Chhor Divas", "Celebrates the release of Guru Hargobind from "
     "imprisonment; falls on the same day as Diwali and is marked with lights.",
     "Many colleagues ask for leave or attend the gurdwara.", festival(Festival.DIWALI),
     [LEAVE, PRAYER], {}),
    ("sikhism", "Guru Nanak Gurpurab", "Celebrates the birth of Guru Nanak, the founder of "
     "Sikhism: one of the most important Sikh festivals.", "Many colleagues attend the "
     "gurdwara and may ask for leave.", festival(Festival.GURU_NANAK_GURPURAB),
     [LEAVE, PRAYER], {}),
    # UK cultural events
    ("uk-cultural-events", "Holocaust Memorial Day", "Remembers the six million Jews murdered "
     "in the Holocaust, and the victims of Nazi persecution and of later genocides.",
     "Some teams hold a moment of reflection. Be sensitive to colleagues' family histories.",
     fixed(1, 27), [], {}),
    ("uk-cultural-events", "Chinese New Year (Lunar New Year)", "The start of the lunar new "
     "year, celebrated by Chinese communities and others in East and South East Asia.",
     "Some colleagues may ask for leave to be with family.",
     {"rule_type": RuleType.CHINESE_LUNAR, "lunar_month": 1, "day": 1}, [LEAVE], {}),
    ("uk-cultural-events", "International Women's Day", "A global day celebrating women's "
     "achievements and calling for gender equality.", "A good moment to recognise colleagues "
     "and review equality work.", fixed(3, 8), [], {}),
    ("uk-cultural-events", "Pride Month", "A month celebrating LGBTQ+ people and "
     "communities, with Pride events across the UK through the summer.", "Consider "
     "recognising it in communications and supporting colleagues' networks.", fixed(6, 1), [],
     {"duration_days": 30}),
    ("uk-cultural-events", "Windrush Day", "Marks the arrival of the Empire Windrush in 1948 "
     "and the contribution of the Windrush generation and their descendants, including to the "
     "NHS.", "A good moment to recognise the contribution of colleagues and their families.",
     fixed(6, 22), [], {}),
    ("uk-cultural-events", "South Asian Heritage Month", "Celebrates the history, culture "
     "and contribution of people with South Asian heritage in the UK.", "Consider "
     "recognising it in teaching and communications.", fixed(7, 18), [],
     {"duration_days": 31}),
    ("uk-cultural-events", "Black History Month", "A month recognising the history, "
     "achievements and contribution of Black people in the UK.", "Consider recognising it "
     "in teaching and communications, and supporting events colleagues organise.",
     fixed(10, 1), [], {"duration_days": 31}),
    ("uk-cultural-events", "Armistice Day", "Marks the end of the First World War, with a "
     "two-minute silence at 11am.", "Allow colleagues to observe the two-minute silence "
     "where patient care allows.", fixed(11, 11), [], {}),
    ("uk-cultural-events", "Remembrance Sunday", "Remembers those who died in the two World "
     "Wars and later conflicts, with services and a two-minute silence.", "Some colleagues "
     "attend services or parades.", {"rule_type": RuleType.NTH_WEEKDAY, "month": 11,
     "week_of_month": WeekOfMonth.SECOND, "weekday": Weekday.SUNDAY}, [], {}),
    ("uk-cultural-events", "International Day of Persons with Disabilities", "A United "
     "Nations day promoting the rights and wellbeing of disabled people.", "A good moment to "
     "review the accessibility of teaching and workplaces.", fixed(12, 3), [], {}),
]  # fmt: skip


def load(command):
    """Create what is missing; leave what exists (and any editor's changes) alone."""
    with transaction.atomic():
        home = HomePage.objects.first()
        calendar_page, _ = child_page(
            home,
            CalendarPage,
            "multi-faith-calendar",
            title="Multi-faith and cultural calendar",
            introduction=CALENDAR_INTRODUCTION,
            about_dates=ABOUT_DATES,
        )
        faiths = {}
        for fields in FAITHS:
            fields = dict(fields)
            slug = fields.pop("slug")
            faiths[slug], _ = child_page(calendar_page, FaithPage, slug, **fields)
        created = []
        existing = set(Observance.objects.values_list("slug", flat=True))
        for faith_slug, name, summary, guidance, rule, impacts, extra in OBSERVANCES:
            observance = Observance(
                faith=faiths[faith_slug],
                name=name,
                summary=summary,
                guidance=guidance,
                **rule,
                **extra,
                **dict.fromkeys(impacts, True),
            )
            observance.full_clean(exclude=["slug"])  # clean() makes the slug from the name
            if observance.slug in existing:
                continue
            observance.save()
            created.append(observance)
        year = timezone.localdate().year
        years = list(range(year, year + DEFAULT_YEARS_AHEAD + 1))
        for observance in Observance.objects.exclude(rule_type=RuleType.MANUAL):
            observance.compute_occurrences(years)
        add_navigation_link(home.get_site(), "Multi-faith calendar", calendar_page, position=5)
    command.stdout.write(
        f"Calendar: {len(created)} observance(s) created, {len(OBSERVANCES)} in the demo list; "
        f"dates computed for {years[0]} to {years[-1]}."
    )
