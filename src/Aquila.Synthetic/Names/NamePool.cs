namespace Aquila.Synthetic.Names;

/// <summary>Family and given names of one community, written in the community's own orthography.</summary>
internal sealed class NamePool
{
    private NamePool(Community community, NameOrigin origin, string family, string male, string female)
    {
        Community = community;
        Origin = origin;
        FamilyNames = Split(family);
        MaleNames = Split(male);
        FemaleNames = Split(female);
    }

    public Community Community { get; }

    public NameOrigin Origin { get; }

    public string[] FamilyNames { get; }

    public string[] MaleNames { get; }

    public string[] FemaleNames { get; }

    public static NamePool For(Community community) => Pools[(int)community];

    private static readonly NamePool[] Pools =
    [
        new(Community.Serbian, NameOrigin.Slavic,
            "Jovanović Petrović Nikolić Marković Đorđević Stojanović Ilić Stanković Pavlović Milošević Popović Đukić " +
            "Kostić Živković Vuković Savić Mitrović Lazić Ristić Todorović Kovačević Obradović Radovanović Tomić Simić " +
            "Jović Milenković Radić Lukić Milovanović Stevanović Marinković Filipović Dimitrijević Petković Aleksić " +
            "Janković Božić Cvetković Gajić Šarić Ćirić Pešić Đurić Nešić Vasić Milić Krstić Veljković Zdravković",
            "Marko Nikola Stefan Milan Dragan Nenad Zoran Miloš Aleksandar Dušan Vladimir Ivan Goran Dejan Srđan Bojan " +
            "Uroš Lazar Nemanja Đorđe Miroslav Slobodan Dragoljub Predrag Vuk Luka Filip Ljubomir Žarko Branislav " +
            "Radoslav Saša Milorad Živorad Čedomir Vojislav",
            "Jelena Milica Ana Marija Ivana Jovana Dragana Snežana Gordana Vesna Tijana Sanja Maja Biljana Ljiljana " +
            "Nataša Katarina Svetlana Mirjana Danijela Željka Dušica Slađana Nevena"),
        new(Community.Montenegrin, NameOrigin.Slavic,
            "Vujović Radulović Vukčević Popović Đukanović Bulatović Šćepanović Vučinić Knežević Perović Raičević " +
            "Vujošević Radonjić Lakić Bojović Kaluđerović Đurović Nikčević Mugoša Pejović Vuksanović Šoć Vulević " +
            "Ivanović Drobnjak Lalević Mijušković Cerović Šaranović Vukotić Kažić Ćetković",
            "Milo Vuk Luka Danilo Nikola Petar Marko Vesko Dragan Milorad Veselin Radovan Balša Budimir Vasilije Savo " +
            "Boško Željko Novak Mitar Blažo Krsto Đuro Miodrag",
            "Milena Jelena Ana Sanja Dragana Vesna Jovana Bojana Tamara Maja Ljubica Milka Danica Stana"),
        new(Community.Croatian, NameOrigin.Slavic,
            "Horvat Kovačević Babić Marić Jurić Novak Kovačić Knežević Vuković Matić Tomić Perić Šimić Blažević Grgić " +
            "Pavić Radić Božić Lovrić Barišić Jukić Ćosić Galić Mandić Jurišić Rajić Zovko Ćorić Jelavić Martinović " +
            "Lončar Bošnjak Čolak Primorac",
            "Ivan Josip Ante Marko Mario Tomislav Stjepan Zvonimir Krešimir Dario Luka Mate Ivica Davor Damir Hrvoje " +
            "Nikola Petar Frano Ilija Mirko Drago Željko Branimir",
            "Ana Marija Ivana Mirela Kristina Petra Martina Lucija Katarina Mateja Anđela Dubravka Josipa Vesna Ružica"),
        new(Community.Bosniak, NameOrigin.Slavic,
            "Hodžić Hadžić Begović Delić Mehmedović Hasanović Husić Salihović Osmanović Suljić Alić Muratović Halilović " +
            "Imamović Mujić Ahmetović Omerović Softić Kovač Džafić Bešić Čaušević Karić Selimović Ibrahimović Smajić " +
            "Avdić Mustafić Hadžiahmetović Šehić Zukić Pašić Hrustanović Džeko Bećirović Mahmutović Ramić Kurtović Tahirović",
            "Emir Amar Adnan Haris Edin Senad Mirza Kenan Almir Nermin Dženan Eldin Jasmin Armin Tarik Faruk Alen " +
            "Mersad Samir Nedžad Enes Elvir Husein Hasan Ismet Safet Sulejman Muhamed Ahmed Mustafa Omer Jusuf Abdulah " +
            "Ibrahim Osman Halid Hamza",
            "Amra Lejla Emina Selma Amila Adna Ajla Merima Alma Aida Belma Dženana Enisa Mirsada Sabina Šejla Fatima " +
            "Amina Hatidža Zejneba Merjem Hana"),
        new(Community.Macedonian, NameOrigin.Macedonian,
            "Trajkovski Stojanovski Nikolovski Georgievski Đorđievski Ristovski Petrovski Jovanovski Angelovski " +
            "Dimitrievski Kostovski Mitrevski Stefanovski Popovski Todorovski Spasovski Ilievski Velkovski Blaževski " +
            "Zdravkovski Ćosev Trajčevski Manevski Stojčevski Nedelkovski Mladenovski Atanasovski Dodevski Kuzmanovski",
            "Aleksandar Goran Dragan Zoran Nikola Darko Vladimir Igor Dejan Đorđi Kire Trajče Zlatko Blagoja Ljupčo " +
            "Goce Kiril Metodija Stojan Bojan Toni Vlatko Đoko Dimitar Ilija",
            "Elena Marija Biljana Snežana Ivana Katerina Jasmina Vesna Gordana Ljubica Verica Aneta Daniela Simona " +
            "Sanja Slavica Blagica"),
        new(Community.Albanian, NameOrigin.Albanian,
            "Krasniqi Gashi Berisha Hoxha Shala Morina Kelmendi Thaçi Rexhepi Xhaferi Bytyqi Hasani Ademi Limani " +
            "Osmani Sejdiu Zeqiri Ibrahimi Mustafa Rama Dervishi Halili Musliu Veseli Bajrami Selimi Hyseni Kryeziu " +
            "Lleshi Gjoka Dushku Çela Zhuri Qerimi Mehmeti Aliu Kastrati Dibra",
            "Arben Besnik Blerim Driton Fatmir Agron Ilir Valon Arton Granit Ardian Gentian Florian Artan Erion Alban " +
            "Burim Dardan Lirim Përparim Shpëtim Bekim Flamur Kushtrim Mentor Xhevdet Qazim Fadil Shaban Bajram Hysen " +
            "Nexhmedin Afrim Sabri Skënder Muhamet Mehmet Ahmet Ismail Jusuf Gjergj",
            "Arta Besa Blerta Drita Fatmire Liridona Vlora Mimoza Teuta Qëndresa Albana Arbnora Donika Edona Elira " +
            "Shqipe Valbona Jehona Egzona Fjolla Fatime Emine Hatixhe Zejnepe Merita"),
        new(Community.Arab, NameOrigin.Foreign,
            "Al-Hassan Al-Ahmad Hussein Ibrahim Abdullah Al-Khatib Haddad Khalil Mahmoud Saleh Al-Obaidi Al-Jaburi " +
            "Othman Nasser Hamdan Al-Tamimi",
            "Mohammed Ahmad Omar Ali Hassan Hussein Khaled Mahmoud Youssef Abdullah Ibrahim Mustafa",
            "Fatima Aisha Maryam Zainab Amina Noor Huda Layla"),
    ];

    private static string[] Split(string names) => names.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
