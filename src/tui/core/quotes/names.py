"""Lexicons for speaker mentions: titles, role nouns, pronouns and gender evidence.

Small, hand-written word lists; everything is lower case. Used by :mod:`.mentions` to
recognise a speaker noun phrase and by :mod:`.resolve` to split a title from a name and to
tell ``he`` from ``she``.
"""

from __future__ import annotations


def words(spaced: str) -> list[str]:
    """The white-space separated words of a word list written as one string."""
    return spaced.split()


MALE = "m"
FEMALE = "f"

#: Personal pronouns that can be the subject of a cue, mapped to a gender or number tag.
PRONOUNS: dict[str, str] = {
    "he": MALE, "him": MALE, "she": FEMALE, "her": FEMALE,
    "they": "pl", "it": "n", "we": "pl", "i": "1", "you": "2", "who": "rel",
}

#: Abbreviated titles dropped from a name (with or without the full stop).
ABBREVIATED_TITLES: frozenset[str] = frozenset(
    words(
        """mr mrs ms miss dr prof sen sens rep reps gov gen col lt sgt capt cmdr adm maj
        pres rev hon fr supt det insp amb atty sec secy cpl pvt"""
    )
)

#: Title and role nouns that may stand before a name (``President``, ``spokesman``).
ROLE_NOUNS: frozenset[str] = frozenset(
    words(
        """president presidents senator senators governor governors secretary minister
        ministers chancellor king queen pope prince princess mayor chairman chairwoman
        chair chairs speaker leader leaders director directors chief ambassador
        representative congressman congresswoman commissioner spokesman spokeswoman
        spokesperson spokespeople sheriff councilman councilwoman treasurer candidate
        candidates nominee nominees strategist strategists adviser advisers advisor
        advisors aide aides manager managers official officials lawmaker lawmakers
        consultant consultants pollster pollsters economist economists expert experts
        analyst analysts researcher researchers reporter reporters editor editors author
        authors host hosts commentator commentators activist activists supporter
        supporters voter voters resident residents source sources businessman
        businesswoman billionaire mogul judge judges justice prosecutor prosecutors
        general officer officers founder cofounder co-founder head member members
        organizer organizers coordinator operative operatives donor donors attorney
        attorneys lawyer lawyers professor professors executive executives ceo cfo coo
        counsel counselor diplomat diplomats envoy delegate delegates director-general
        premier monarch dictator emperor lieutenant superintendent inspector detective
        agent agents investigator investigators scientist scientists historian
        historians columnist columnists writer writers anchor correspondent journalist
        journalists blogger bloggers actor actress singer rapper star comedian pastor
        bishop cardinal rabbi imam priest reverend doctor surgeon physician nurse
        teacher student students worker workers employee employees veteran veterans
        partner partners owner owners fellow scholar scholars critic critics ally allies
        opponent opponents rival rivals challenger incumbent frontrunner front-runner
        hopeful hopefuls contender legislator legislators assemblyman assemblywoman
        delegate whip attorney-general vice-president secretary-general deputy
        undersecretary under-secretary commander commanders captain colonel sergeant
        admiral major marshal trooper chef playwright novelist poet filmmaker producer
        entrepreneur investor investors banker bankers trader traders organiser
        campaigner campaigners protester protesters demonstrator demonstrators witness
        witnesses victim mother father son daughter wife husband brother sister widow
        friend friends neighbor neighbour associate associates assistant assistants
        secretary-treasurer president-elect governor-elect senator-elect man woman men
        women people person guy official's republican republicans democrat democrats
        independent conservative conservatives liberal liberals progressive progressives
        libertarian moderator panelist panelists participant participants attendee
        attendees caller callers viewer viewers reader readers fan fans insider insiders
        observer observers watcher watchers staffer staffers narrator narrators tycoon
        percent majority half co-host cohost co-chair co-chairman co-author"""
    )
)

#: Nouns for bodies and documents that speak (``the ministry said``, ``the report said``).
BODY_NOUNS: frozenset[str] = frozenset(
    words(
        """ministry department office agency campaign committee party government
        administration council commission court board group groups organization
        organisation association union company firm corporation bank network channel
        newspaper paper magazine station website site outlet team staff embassy kremlin
        white house police army military navy statement statements report reports
        release memo letter poll survey study analysis ad ads advertisement video spot
        tweet tweets post blog editorial article story document documents filing
        complaint lawsuit suit ruling order email emails message messages website
        platform plan proposal bill law resolution transcript account accounts book
        memoir speech crowd audience panel jury caucus coalition alliance foundation
        institute center centre council senate congress house legislature parliament
        majority minority delegation coalition movement network networks paper papers
        publication newsletter release releases state column columns"""
    )
)

#: Lower-case modifiers seen inside speaker descriptions (``a senior campaign official``).
MODIFIERS: frozenset[str] = frozenset(
    words(
        """former senior top chief deputy acting assistant associate executive vice
        longtime long-time veteran leading prominent key local state federal national
        international foreign domestic campaign presidential vice-presidential
        congressional senate house white press communications political policy legal
        military intelligence security defense defence foreign-policy economic financial
        health education energy environmental republican democratic conservative liberal
        progressive independent gop new old young elderly unnamed anonymous unidentified
        another other same spokesman spokeswoman party administration government
        department ministry agency council city county regional district general special
        first second third top-ranking high-ranking high-level low-level mid-level
        senior-level outgoing incoming current retired interim then-candidate then then-
        senator television tv radio cable news online digital social media research
        public private civil rights human advocacy lobbying business labor labour union
        trade industry tech technology founding founding co-founding managing principal
        lead head regional staff field data polling fundraising finance communications
        strategy outside inside close"""
    )
)

#: Words that open a description (``the``, ``a``, ``his``, ``one``).
DETERMINERS: frozenset[str] = frozenset(
    words(
        """the a an his her their its our my your this that these those one two three four
        five six several some many most few both another each every any no all"""
    )
)

#: Capitalised words that begin a sentence or clause but never a speaker mention.
NOT_NAME_WORDS: frozenset[str] = frozenset(
    words(
        """but and or nor so yet when while if as in on at for then also after before since
        although though meanwhile however asked speaking that this these those now later
        earlier today yesterday tomorrow tonight last next still even just only instead
        indeed thus hence here there where why how what which whom whose because unless
        until once again besides moreover furthermore otherwise nonetheless nevertheless
        of to by with from into about over under between among through during without
        within across against toward towards upon not never perhaps maybe yes no well oh
        according is was were are be been has have had do does did will would can could
        shall should may might must let said says told added my our your his her their its
    despite amid more most
        monday tuesday wednesday
        thursday friday saturday sunday january february march april may june july
        august september october november december"""
    )
)

#: Words that make a capitalised sequence a body or place rather than a person.
ORG_WORDS: frozenset[str] = frozenset(
    words(
        """house senate congress court department ministry office agency committee party
        council commission university college school institute center centre foundation
        association union news post times journal press network company corp inc ltd llc
        group bank church city county state states republic kingdom nations union board
        administration campaign fund project club league organization organisation
        magazine daily tribune herald gazette telegraph guardian radio tv television
        channel broadcasting review report times-picayune street avenue square hall
        airport hospital police army navy force forces guard service services bureau
        caucus coalition alliance movement society council's party's committee's
        democrats republicans america american americans united america's federal
        national international embassy kremlin pentagon gop dnc rnc fbi cia nsa cnn
        msnbc abc cbs nbc fox pac super twitter facebook google youtube instagram team"""
    )
)

#: Words that make a capitalised pair a place, not a person (``New Hampshire``).
PLACE_WORDS: frozenset[str] = frozenset(
    words(
        """new south north east west los las san santa el fort saint hong puerto costa sri
        tel mount lake port middle great central upper lower capitol silicon latin western
        eastern northern southern wall palm salt rhode baton virgin carolina dakota
        hampshire jersey mexico york virginia island islands arabia korea africa america
        asia europe kingdom valley beach city county river street avenue angeles vegas
        francisco diego antonio jose aviv lanka rica rico paso moines orleans louis
        washington columbia oval twitter facebook bay hill park square bridge coast"""
    )
)

#: Gendered title and role words.
GENDERED_WORDS: dict[str, str] = {
    "mr": MALE, "mr.": MALE, "messrs": MALE, "sir": MALE, "king": MALE, "prince": MALE,
    "pope": MALE, "father": MALE, "son": MALE, "brother": MALE, "husband": MALE,
    "businessman": MALE, "congressman": MALE, "spokesman": MALE, "chairman": MALE,
    "councilman": MALE, "assemblyman": MALE, "man": MALE, "uncle": MALE, "nephew": MALE,
    "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE, "mrs.": FEMALE, "ms.": FEMALE,
    "madam": FEMALE, "dame": FEMALE, "lady": FEMALE, "queen": FEMALE,
    "princess": FEMALE, "mother": FEMALE, "daughter": FEMALE, "sister": FEMALE,
    "wife": FEMALE, "widow": FEMALE, "businesswoman": FEMALE, "congresswoman": FEMALE,
    "spokeswoman": FEMALE, "chairwoman": FEMALE, "councilwoman": FEMALE,
    "assemblywoman": FEMALE, "woman": FEMALE, "actress": FEMALE, "aunt": FEMALE,
    "niece": FEMALE, "first lady": FEMALE,
}

#: Common first names with their usual gender (news, politics; a small list).
FIRST_NAMES: dict[str, str] = {
    **{n: MALE for n in words(
        """aaron adam al alan albert alex alexander andrew andy anthony antonio arnold
        barack ben benjamin bernie bill billy bob bobby boris brad brandon brian bruce
        bryan carl carlos charles charlie chris christopher chuck clint colin corey
        craig dan daniel dave david dennis dick don donald doug douglas ed eddie edward
        emmanuel eric frank fred gary george gerald glenn greg gregory harry harold
        henry howard ian jack jacob jake james jared jason jay jeb jeff jeffrey jeremy
        jerry jim jimmy joe joel john johnny jon jonathan jose joseph josh joshua juan
        justin keith ken kevin kim-jong kurt larry lee lindsey luis marco mario mark
        martin matt matthew michael mike mitch mitt newt nicholas nick nigel noah oliver
        pat patrick paul pete peter phil philip rahm ralph rand randy ray raymond reince
        richard rick rob robert robby roger ron ronald rudy rush russ ryan sam samuel
        scott sean sergei sergey silvio stephen steve steven ted terry thomas tim
        timothy todd tom tony vladimir walter wayne william xi bashar benjamin recep
        francois jean-claude matteo angelo abdel hassan mohammed muhammad ali omar ahmed
        barry bret chad cory darrell dean derek dick duncan elliott ethan evan floyd
        franklin gavin gordon grant hank herman hugh jamie jeremiah jesse jorge kenneth
        kirk lamar leon lloyd louis luke marcus marshall mel milo morgan nathan neil
        norm norman orrin reid reggie rex rodney roy sherrod stanley sonny stuart trey
        troy tucker tyler vince vincent warren wesley willie zach zachary jon-paul corey
        joaquin julian beto marty mickey mo rocky sid stan travis"""
    )},
    **{n: FEMALE for n in words(
        """abby alice alicia alison allison amanda amy andrea angela angelina ann anna anne
        annie barbara betsy betty beverly brenda carly carol caroline carolyn catherine
        cathy cheryl christina christine cindy claire connie cynthia dana debbie deborah
        debra denise diana diane donna dorothy elaine elizabeth ellen emily emma erin
        eva evelyn frances gina gloria grace hannah heather heidi helen hillary hope
        huma ivanka jacqueline jan jane janet jean jennifer jessica jill joan joanne
        joni joyce judith judy julia julie karen kate katherine kathleen kathy katie
        katrina kay kelly kellyanne kim kimberly kirsten kristen laura lauren linda lisa
        lois loretta lori lynn marcia margaret maria marie marilyn marine marsha martha
        mary maxine megan megyn melania melissa michele michelle mika nancy natalie
        nicole nikki olivia pam pamela patricia patty paula peggy rachel rebecca rosa
        rose ruth sally samantha sandra sara sarah sharon shirley stephanie susan
        suzanne tammy teresa theresa tiffany tina tulsi valerie victoria virginia wendy
        yvonne angela theresa marine hilary chelsea condoleezza dianne elise jeanne
        kamala kristi liz mia michaela nina omarosa serena sheila stacey stacy tara zoe
        zephyr amal anita becky brooke carla dolores ellie faith gwen irene janice
        jeanine joy kristin leslie lucy meghan molly monica naomi norah patti rhonda
        robin roxanne sabrina shannon sonia tamara terri tricia vanessa"""
    )},
}


def gender_of_word(word: str) -> str | None:
    """The gender a title, role noun or first name suggests (``'m'``/``'f'``), or None."""
    low = word.lower()
    return GENDERED_WORDS.get(low) or GENDERED_WORDS.get(low.rstrip(".")) or FIRST_NAMES.get(low)
