"""UBND phường An Bình (invented): a child-protection plan for 2020 and the reports on trẻ em 2019, 2021.

Markers "[[SECTION/ITEM|words]]" are the answer key (see make_devset.py); they are not in the files.
"""

NAME = "phuong-an-binh"
UNIT = {"name": "UBND phường An Bình", "issuer": "state", "unit_word": "UBND phường"}

HEADER_WARD = ("header", ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN BÌNH"],
               ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])

KE_HOACH_2020 = {
    "file": "ke-hoach-bao-ve-tre-em-nam-2020.docx",
    "title": "Kế hoạch thực hiện công tác bảo vệ trẻ em năm 2020",
    "elements": [
        HEADER_WARD,
        ("numdate", "Số: 18/KH-UBND", "An Bình, ngày 20 tháng 02 năm 2020"),
        ("title", ["KẾ HOẠCH", "Thực hiện công tác bảo vệ trẻ em trên địa bàn phường năm 2020"]),
        ("p", "Căn cứ Luật Trẻ em năm 2016; căn cứ Kế hoạch của UBND thị xã Hòa Thuận về thực hiện công tác "
              "trẻ em năm 2020, UBND phường An Bình xây dựng kế hoạch thực hiện như sau:"),
        ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("p", "Tiếp tục triển khai Chỉ thị số 20-CT/TW của Bộ Chính trị, nâng cao trách nhiệm của gia đình, "
              "nhà trường và cộng đồng trong việc bảo đảm quyền trẻ em; phòng ngừa, giảm thiểu các nguy cơ "
              "gây tổn hại cho trẻ em trên địa bàn."),
        ("h", "II. CHỈ TIÊU"),
        ("table", "Bảng 1. Một số chỉ tiêu chủ yếu năm 2020", [
            ["TT", "Chỉ tiêu", "Thực hiện năm 2019", "Kế hoạch năm 2020"],
            ["1", "Tỷ lệ [[P1.II.5|trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế]]", "98,6%", "100%"],
            ["2", "[[P1.II.5|Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp]]", "89,5%", "Trên 92%"],
            ["3", "[[P1.II.5|Số vụ tai nạn thương tích trẻ em phải nhập viện]]", "06 vụ", "Giảm ít nhất 30%"],
        ]),
        ("h", "III. NHIỆM VỤ, GIẢI PHÁP"),
        ("p", "Các nhiệm vụ chính gồm:"),
        ("items", [
            "Duy trì chuyên mục “Vì trẻ em” trên hệ thống truyền thanh phường, phát 02 lần mỗi tuần;",
            "Tổ chức Tháng hành động vì trẻ em, Tết Trung thu và Diễn đàn trẻ em cấp phường;",
            "Rà soát, lập danh sách trẻ em có hoàn cảnh đặc biệt và trẻ em có nguy cơ rơi vào hoàn cảnh "
            "đặc biệt ở từng khu phố.",
        ]),
        ("p", "Mỗi khu phố bố trí [[P1.II.2/4|01 cộng tác viên bảo vệ trẻ em]] là chi hội trưởng phụ nữ hoặc "
              "bí thư chi đoàn khu phố."),
        ("h", "IV. KINH PHÍ"),
        ("p", "[[P1.II.1/1|Tổng kinh phí thực hiện kế hoạch năm 2020 là 96.500.000 đồng]], trong đó ngân sách "
              "phường 60.000.000 đồng, nguồn vận động xã hội hóa 36.500.000 đồng."),
        ("h", "V. TỔ CHỨC THỰC HIỆN"),
        ("items", [
            "Công chức Văn hóa - Xã hội: tham mưu UBND phường triển khai kế hoạch, tổng hợp báo cáo 6 tháng "
            "và cả năm.",
            "Công an phường: chủ trì [[P1.II.3/1|xác minh, xử lý các vụ việc xâm hại trẻ em]]; kiểm tra các cơ "
            "sở kinh doanh dịch vụ có nguy cơ gây hại cho trẻ em.",
            "Trạm Y tế phường: tổ chức khám sức khỏe, tiêm chủng và tư vấn dinh dưỡng cho trẻ em dưới 6 tuổi.",
            "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam phường và các đoàn thể phối hợp tuyên truyền, vận động "
            "nguồn lực cho Quỹ Bảo trợ trẻ em.",
        ]),
        ("p", "Trên đây là Kế hoạch thực hiện công tác bảo vệ trẻ em năm 2020 của UBND phường An Bình./."),
        ("sign", ["Nơi nhận:", "- Phòng LĐ-TB&XH thị xã;", "- TT Đảng ủy, HĐND phường;", "- Các ban, ngành, "
                  "đoàn thể phường;", "- Lưu: VT."],
         ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Huỳnh Văn Tài"]),
    ],
}

BAO_CAO_2019 = {
    "file": "bao-cao-cong-tac-tre-em-nam-2019.docx",
    "title": "Báo cáo kết quả thực hiện công tác trẻ em năm 2019",
    "elements": [
        HEADER_WARD,
        ("numdate", "Số: 241/BC-UBND", "An Bình, ngày 16 tháng 12 năm 2019"),
        ("title", ["BÁO CÁO", "Kết quả thực hiện công tác trẻ em năm 2019"]),
        ("h", "I. TÌNH HÌNH TRẺ EM TRÊN ĐỊA BÀN"),
        ("p", "Toàn phường có 2.846 trẻ em dưới 16 tuổi, trong đó 1.032 trẻ em dưới 6 tuổi và 38 trẻ em có "
              "hoàn cảnh đặc biệt, sinh sống tại 08 khu phố."),
        ("h", "II. KẾT QUẢ THỰC HIỆN"),
        ("h", "1. Công tác chỉ đạo, tuyên truyền"),
        ("p", "Đầu năm, UBND phường [[P1.II.1/0|kiện toàn Ban Bảo vệ trẻ em phường gồm 11 thành viên]] do Phó "
              "Chủ tịch UBND phường làm Trưởng ban."),
        ("p", "Hệ thống truyền thanh phường [[P1.II.2/0|phát 104 tin, bài về quyền trẻ em]], phòng, chống xâm "
              "hại và đuối nước."),
        ("p", "Ngoài ra, phường phối hợp với Hội Liên hiệp Phụ nữ tổ chức [[P1.II.2/0|06 buổi nói chuyện chuyên "
              "đề cho 420 lượt phụ huynh]] về kỹ năng làm cha mẹ."),
        ("h", "2. Tháng hành động vì trẻ em, Tết Trung thu, Diễn đàn trẻ em"),
        ("p", "Lễ phát động Tháng hành động vì trẻ em năm 2019 của phường được tổ chức ngày 28/5/2019 tại "
              "[[P1.II.2/1|Nhà văn hóa khu phố 3 với khoảng 350 người tham dự]]."),
        ("p", "Dịp này, phường [[P1.II.2/1|trao 52 suất học bổng, mỗi suất 400.000 đồng]] cho trẻ em nghèo "
              "vượt khó."),
        ("p", "Tết Trung thu năm 2019, 08 khu phố đồng loạt tổ chức “Vui hội trăng rằm”, [[P1.II.2/1|tặng 1.340 "
              "phần quà cho trẻ em]]."),
        ("p", "Diễn đàn trẻ em phường lần thứ nhất được tổ chức ngày 10/8/2019 với chủ đề “Trẻ em với môi "
              "trường sống an toàn”, [[P1.II.2/1|có 75 em đại diện 08 khu phố tham gia]]."),
        ("p", "Các em đề nghị lắp đặt thêm [[P1.II.2/1|biển cảnh báo nguy hiểm tại 04 điểm sông, hồ]]; UBND "
              "phường đã tiếp thu và thực hiện trong tháng 9/2019."),
        ("h", "3. Vui chơi, giải trí và các mô hình tại cộng đồng"),
        ("p", "Toàn phường [[P1.II.2/2|có 05 điểm vui chơi cho trẻ em tại các khu phố]]."),
        ("p", "Trong năm, phường xây mới [[P1.II.1/1|sân chơi tại khu phố 6 với kinh phí 180.000.000 đồng]] từ "
              "ngân sách thị xã."),
        ("p", "Câu lạc bộ “Bơi an toàn” mở [[P1.II.2/4|03 lớp dạy bơi miễn phí trong hè cho 147 trẻ em]] từ 8 "
              "đến 14 tuổi."),
        ("p", "Mô hình “Địa chỉ tin cậy tại cộng đồng” [[P1.II.2/4|được duy trì tại 08/08 khu phố]]."),
        ("p", "Mô hình này đã tiếp nhận, hỗ trợ kịp thời [[P1.II.2/4|06 trường hợp trẻ em có nguy cơ bị bạo "
              "lực]]."),
        ("p", "Nhân dịp hè, Đoàn phường tổ chức “Ngày hội trò chơi dân gian” với các trò kéo co, [[P1.II.2/3|đi "
              "cà kheo, đập niêu, thu hút 260 trẻ em]] tham gia."),
        ("h", "4. Thực hiện chính sách và phối hợp liên ngành"),
        ("p", "Phường đã [[P1.II.3/0|cấp 1.018 thẻ bảo hiểm y tế cho trẻ em]] dưới 6 tuổi, đạt 98,6%."),
        ("p", "Hằng tháng, [[P1.II.3/0|29 trẻ em mồ côi và trẻ em khuyết tật nặng]] được chi trả trợ cấp xã hội "
              "đầy đủ, đúng hạn."),
        ("p", "Công an phường phối hợp với Ban Bảo vệ trẻ em phường [[P1.II.3/1|xác minh, xử lý 02 vụ xâm hại "
              "trẻ em]]; cả 02 trẻ đều được hỗ trợ tâm lý và chăm sóc y tế kịp thời."),
        ("p", "Tháng 7/2019, đoàn kiểm tra liên ngành của phường [[P1.II.3/2|kiểm tra 31 cơ sở kinh doanh trò "
              "chơi điện tử, karaoke]], nhắc nhở 03 cơ sở để trẻ em vào chơi quá giờ quy định."),
        ("table", "Bảng 2. Một số số liệu về trẻ em qua các năm", [
            ["Nội dung", "Năm 2017", "Năm 2018", "Năm 2019"],
            ["[[P1.II.3/0|Trẻ em có hoàn cảnh đặc biệt được trợ giúp (em)]]", "31", "33", "36"],
            ["[[P1.II.5|Trẻ em bị tai nạn thương tích phải nhập viện (em)]]", "09", "08", "06"],
        ]),
        ("h", "5. Huy động nguồn lực"),
        ("p", "[[P1.II.4/1|Quỹ Bảo trợ trẻ em phường vận động được 78.200.000 đồng]], tăng 12% so với năm "
              "2018."),
        ("p", "Phong trào “Nghìn việc tốt vì trẻ em” do Đoàn phường phát động [[P1.II.4/0|ghi nhận 1.205 việc "
              "tốt của đoàn viên, thanh niên]]."),
        ("h", "III. HẠN CHẾ, KHÓ KHĂN"),
        ("items", [
            "Tình trạng trẻ em đuối nước vẫn xảy ra: năm 2019 có 01 trẻ em [[P1.III.1|tử vong do đuối nước tại "
            "hồ đào khu phố 7]].",
            "Đội ngũ [[P1.III.1|cộng tác viên bảo vệ trẻ em ở khu phố]] chủ yếu kiêm nhiệm, chưa được hưởng "
            "phụ cấp.",
        ]),
        ("p", "Nguyên nhân là một bộ phận [[P1.III.2|cha mẹ mải làm ăn, thiếu quan tâm, giám sát con]] trong "
              "dịp hè."),
        ("p", "Bên cạnh đó, địa bàn có nhiều [[P1.III.2|ao, hồ do khai thác đất để lại chưa được rào chắn]]."),
        ("h", "IV. PHƯƠNG HƯỚNG NĂM 2020"),
        ("p", "Năm tới, phường tiếp tục duy trì các mô hình hiện có, tổ chức tốt Tháng hành động vì trẻ em và "
              "Diễn đàn trẻ em lần thứ hai."),
        ("h", "V. KIẾN NGHỊ"),
        ("p", "Đề nghị UBND thị xã Hòa Thuận [[P3.1|hỗ trợ kinh phí rào chắn các ao, hồ nguy hiểm]] trên địa "
              "bàn phường."),
        ("sign", ["Nơi nhận:", "- Phòng LĐ-TB&XH thị xã;", "- TT Đảng ủy, HĐND phường;", "- Lưu: VT."],
         ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Huỳnh Văn Tài"]),
    ],
}

BAO_CAO_2021 = {
    "file": "bao-cao-cong-tac-tre-em-nam-2021.docx",
    "title": "Báo cáo kết quả công tác chăm sóc, giáo dục và bảo vệ trẻ em năm 2021",
    "elements": [
        HEADER_WARD,
        ("numdate", "Số: 198/BC-UBND", "An Bình, ngày 10 tháng 12 năm 2021"),
        ("title", ["BÁO CÁO", "Kết quả công tác chăm sóc, giáo dục và bảo vệ trẻ em năm 2021",
                   "và phương hướng, nhiệm vụ năm 2022"]),
        ("h", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"),
        ("p", "Nghị quyết Đại hội Đảng bộ phường lần thứ VI, [[P1.I.1|nhiệm kỳ 2020-2025 xác định 03 chỉ "
              "tiêu]] về chăm sóc, giáo dục và bảo vệ trẻ em."),
        ("p", "Tháng 3/2021, UBND phường tổ chức hội nghị quán triệt Chỉ thị số 20-CT/TW, Luật Trẻ em năm 2016 "
              "[[P1.I.1|cho 136 cán bộ phường, khu phố và chi hội đoàn thể]]."),
        ("p", "Qua đó, nhận thức của cấp ủy, chính quyền khu phố về trách nhiệm bảo vệ trẻ em được nâng lên; "
              "08/08 khu phố đã [[P1.I.2|đưa nội dung bảo vệ trẻ em vào hương ước, quy ước]]."),
        ("p", "Năm 2017, Đảng ủy phường tổ chức sơ kết 5 năm thực hiện Chỉ thị 20, [[P1.I.3|biểu dương 05 tập "
              "thể và 09 cá nhân có thành tích]]."),
        ("p", "Tháng 10/2021, HĐND phường [[P1.II.3/2|giám sát chuyên đề việc thực hiện chính sách]] đối với trẻ em có hoàn cảnh đặc biệt, kiến nghị bổ sung 03 trường hợp vào diện hưởng trợ cấp."),
        ("h", "II. BẢO ĐẢM QUYỀN TRẺ EM TRONG PHÒNG, CHỐNG DỊCH COVID-19"),
        ("p", "Trong đợt giãn cách xã hội từ ngày 20/7 đến 15/9/2021, phường rà soát, hỗ trợ lương thực và "
              "[[P1.II.3/1|nhu yếu phẩm cho 243 trẻ em thuộc các hộ gia đình]] gặp khó khăn."),
        ("p", "Trên địa bàn có [[P1.II.3/1|04 trẻ em mồ côi cha hoặc mẹ do Covid-19]]."),
        ("p", "Các em được phường [[P1.II.3/1|hỗ trợ một lần 1.000.000 đồng mỗi em]] và được lập hồ sơ đề nghị "
              "hưởng chính sách theo quy định."),
        ("p", "Trạm Y tế phường phối hợp với 03 trường học [[P1.II.3/1|tiêm vắc xin phòng Covid-19 cho 1.127 "
              "trẻ em]] từ đủ 12 tuổi trở lên."),
        ("p", "Đồng thời, Đoàn phường [[P1.II.3/1|vận động 37 điện thoại, máy tính bảng]] tặng học sinh thiếu "
              "thiết bị học trực tuyến."),
        ("h", "III. HOẠT ĐỘNG TUYÊN TRUYỀN, VUI CHƠI"),
        ("p", "Do dịch bệnh, năm nay phường không tổ chức lễ phát động Tháng hành động vì trẻ em tập trung mà "
              "[[P1.II.2/1|chuyển sang tuyên truyền trên trang Zalo của phường]] với 27 tin, bài."),
        ("p", "Diễn đàn trẻ em phường năm 2021 được tổ chức trực tuyến ngày 05/6/2021, [[P1.II.2/1|có 44 em "
              "tham gia và nêu 09 ý kiến]]."),
        ("p", "Tiêu biểu: ông Lê Văn Mười ở khu phố 7 [[P1.II.2/5|tự bỏ kinh phí rào chắn hồ đào gần nhà]], "
              "được Chủ tịch UBND thị xã tặng Giấy khen."),
        ("p", "Vụ bạo lực trẻ em xảy ra tại khu phố 4 tháng 4/2021 được thông tin trên hệ thống truyền thanh "
              "để cảnh báo; người vi phạm [[P1.II.2/5|bị xử phạt hành chính 7.500.000 đồng]]."),
        ("h", "IV. HUY ĐỘNG NGUỒN LỰC"),
        ("p", "Năm 2021, nguồn vận động cho [[P1.II.4/1|Quỹ Bảo trợ trẻ em phường đạt 63.800.000 đồng]], giảm "
              "so với năm 2019 do ảnh hưởng của dịch."),
        ("p", "Phong trào “Góp gạo nuôi em” của Hội Phụ nữ phường [[P1.II.4/0|quyên góp được 2,4 tấn gạo]] tặng "
              "các gia đình có trẻ em khó khăn trong thời gian giãn cách."),
        ("table", "Bảng 1. Một số chỉ tiêu về trẻ em giai đoạn 2017-2021", [
            ["Chỉ tiêu", "Năm 2017", "Năm 2019", "Năm 2021"],
            ["[[P1.II.3/0|Trẻ em dưới 6 tuổi có thẻ bảo hiểm y tế (%)]]", "96,1", "98,6", "99,4"],
            ["[[P1.II.5|Trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi (%)]]", "14,2", "12,7", "11,3"],
            ["[[P1.II.5|Số khu phố phù hợp với trẻ em]]", "4/8", "5/8", "7/8"],
        ]),
        ("p", "Nhìn chung, qua gần 10 năm thực hiện Chỉ thị 20, phường được công nhận [[P1.II|đạt chuẩn phường phù hợp với trẻ em năm 2020]]."),
        ("h", "V. HẠN CHẾ, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM"),
        ("items", [
            "Hoạt động vui chơi cho trẻ em bị gián đoạn trong thời gian dài; [[P1.III.1|02/05 điểm vui chơi "
            "xuống cấp nhưng chưa được sửa chữa]].",
            "Vẫn còn vụ việc xâm hại trẻ em [[P1.III.1|được phát hiện muộn do gia đình ngại trình báo]].",
        ]),
        ("p", "Nguyên nhân chủ quan: công tác phối hợp giữa [[P1.III.2|khu phố với nhà trường trong quản lý trẻ "
              "em dịp hè]] chưa chặt chẽ."),
        ("p", "Nguyên nhân khách quan: ngân sách phường hạn hẹp, [[P1.III.2|nguồn xã hội hóa giảm mạnh do "
              "dịch]]."),
        ("p", "Bài học kinh nghiệm rút ra là khi cấp ủy vào cuộc quyết liệt, [[P1.III.3|huy động được cả hệ "
              "thống chính trị ở khu phố]] thì công tác bảo vệ trẻ em mới có chuyển biến thực chất."),
        ("p", "Bên cạnh đó, cần lắng nghe và [[P1.III.3|trả lời kịp thời các ý kiến của trẻ em]] tại diễn đàn "
              "để các em tin tưởng."),
        ("h", "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2022"),
        ("items", [
            "Sửa chữa 02 điểm vui chơi xuống cấp và [[P2|xây mới 01 sân chơi tại khu phố 8]];",
            "Phấn đấu [[P2|8/8 khu phố đạt tiêu chuẩn phù hợp với trẻ em]];",
            "Tổ chức tập huấn [[P2|kỹ năng phát hiện, báo cáo vụ việc xâm hại]] cho toàn bộ cộng tác viên khu "
            "phố.",
        ]),
        ("h", "VII. KIẾN NGHỊ, ĐỀ XUẤT"),
        ("items", [
            "Đề nghị UBND thị xã Hòa Thuận bố trí kinh phí [[P3.1|rào chắn 06 hồ đào còn lại]] trên địa bàn "
            "phường.",
            "Đề nghị Sở Giáo dục và Đào tạo chỉ đạo các trường trên địa bàn [[P3.2|mở lớp dạy bơi trong chương "
            "trình giáo dục thể chất]].",
            "Đề nghị UBND tỉnh ban hành [[P3.3|chính sách phụ cấp cho cộng tác viên bảo vệ trẻ em]] ở thôn, "
            "khu phố.",
            "Đề nghị Bộ Lao động - Thương binh và Xã hội sớm ban hành hướng dẫn [[P3.4|hỗ trợ lâu dài cho trẻ "
            "em mồ côi do dịch Covid-19]].",
        ]),
        ("sign", ["Nơi nhận:", "- UBND thị xã Hòa Thuận;", "- Phòng LĐ-TB&XH thị xã;",
                  "- TT Đảng ủy, HĐND phường;", "- Lưu: VT."],
         ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Thanh Phong"]),
    ],
}

DOCS = [KE_HOACH_2020, BAO_CAO_2019, BAO_CAO_2021]
