"""UBND xã Hòa Mỹ Bắc (invented): a held-out unit of another kind and shape than the other three.

A rural commune's People's Committee: a short sơ kết 5 năm whose paragraphs open with run-in bold
headings instead of numbered ones and whose table has the years as rows; an annual report in PDF with
"a) b) c)" sub-items and "-" / "+" nested lists; minutes of the commune's child-protection board with
decisions; a plan with targets ("Phấn đấu…", "100% …"); an annual report with run-in headings, a
table with years as rows and "a) b) c)" recommendations. Its vocabulary is the commune's (bảo trợ
xã hội, khai sinh đúng hạn, thẻ BHYT cho trẻ dưới 6 tuổi, phòng, chống đuối nước…).

Markers "[[SECTION/ITEM|words]]" are the answer key (see make_devset.py); they are not in the files.
"""

NAME = "ubnd-xa-hoa-my-bac"
UNIT = {"name": "UBND xã Hòa Mỹ Bắc", "issuer": "state", "unit_word": "UBND xã"}

HEADER_COMMUNE = ("header", ["ỦY BAN NHÂN DÂN", "XÃ HÒA MỸ BẮC"],
                  ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
SIGN_CHAIR = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Trương Công Định"]

SO_KET_2017 = {
    "file": "bao-cao-so-ket-5-nam-chi-thi-20.docx",
    "title": "Báo cáo sơ kết 5 năm thực hiện Chỉ thị số 20-CT/TW",
    "elements": [
        HEADER_COMMUNE,
        ("numdate", "Số: 87/BC-UBND", "Hòa Mỹ Bắc, ngày 14 tháng 11 năm 2017"),
        ("title", ["BÁO CÁO", "Sơ kết 5 năm thực hiện Chỉ thị số 20-CT/TW của Bộ Chính trị",
                   "(giai đoạn 2013-2017)"]),
        ("p", "Thực hiện Công văn của Ban Thường vụ Huyện ủy Lâm Sơn về sơ kết 5 năm thực hiện Chỉ thị số "
              "20-CT/TW, UBND xã Hòa Mỹ Bắc báo cáo kết quả như sau:"),
        ("h", "I. KẾT QUẢ THỰC HIỆN"),
        ("runin", "Công tác lãnh đạo, chỉ đạo:",
         "Ngay sau khi có kế hoạch của Huyện ủy, Đảng ủy xã [[P1.I.1|ban hành Kế hoạch số 09-KH/ĐU ngày "
         "14/3/2013]] để triển khai Chỉ thị 20. Hằng năm, UBND xã [[P1.II.1/0|lồng ghép chỉ tiêu về trẻ em "
         "vào nghị quyết]] phát triển kinh tế - xã hội của xã."),
        ("runin", "Công tác tuyên truyền:",
         "Trong 5 năm, Đài truyền thanh xã [[P1.II.2/0|phát 386 tin, bài về công tác trẻ em]] và phối hợp "
         "với Hội Liên hiệp Phụ nữ, Đoàn Thanh niên tổ chức 42 buổi truyền thông tại các thôn. Nhờ đó, "
         "[[P1.II.2/0|nhận thức của các bậc cha mẹ về quyền trẻ em]] có chuyển biến rõ rệt."),
        ("runin", "Thực hiện chính sách đối với trẻ em:",
         "Các chế độ, chính sách cho trẻ em được thực hiện đầy đủ, kịp thời, kết quả cụ thể tại Biểu 1."),
        ("table", "Biểu 1. Kết quả thực hiện một số chính sách đối với trẻ em giai đoạn 2013-2017", [
            ["Năm", "[[P1.II.3/0|Trẻ em dưới 6 tuổi được cấp thẻ BHYT (em)]]",
             "[[P1.II.3/0|Trẻ em hưởng trợ cấp bảo trợ xã hội (em)]]", "Trẻ em được khai sinh đúng hạn (%)"],
            ["2013", "1.184", "14", "87,9"],
            ["2014", "1.209", "20", "90,3"],
            ["2015", "1.231", "21", "93,1"],
            ["2016", "1.246", "30", "95,7"],
            ["2017", "1.262", "39", "97,4"],
            ["Cộng 5 năm", "6.132", "124", "-"],
        ]),
        ("runin", "Công tác bảo vệ trẻ em, phòng, chống tai nạn thương tích:",
         "Năm 2015, xã [[P1.II.2/4|thành lập Câu lạc bộ “Bơi an toàn” tại thôn Bàu Sen]]; đến năm 2017 câu "
         "lạc bộ đã dạy bơi cho 212 trẻ em. Tuy nhiên, giai đoạn này trên địa bàn vẫn để xảy ra [[P1.III.1|04 "
         "vụ trẻ em đuối nước, làm chết 03 em]]."),
        ("runin", "Vui chơi, giải trí:",
         "Hằng năm, xã tổ chức Tháng hành động vì trẻ em và Tết Trung thu tại tất cả các thôn. Năm 2016, "
         "[[P1.II.2/2|nhà văn hóa xã được bổ sung sân bóng đá mini]] và khu vui chơi cho trẻ em."),
        ("h", "II. ĐÁNH GIÁ CHUNG"),
        ("runin", "Ưu điểm:",
         "Sau 5 năm thực hiện Chỉ thị 20, công tác trẻ em của xã có nhiều chuyển biến; xã [[P1.II|giữ vững "
         "danh hiệu xã phù hợp với trẻ em]] từ năm 2015."),
        ("runin", "Tồn tại, hạn chế:",
         "Một số thôn vùng bãi ngang [[P1.III.1|chưa có điểm vui chơi riêng cho trẻ em]]; tỷ lệ trẻ em suy "
         "dinh dưỡng còn cao so với bình quân chung của huyện."),
        ("runin", "Nguyên nhân:",
         "Do điều kiện kinh tế của xã còn khó khăn, [[P1.III.2|phần lớn lao động trẻ đi làm ăn xa]], để con "
         "lại cho ông bà chăm sóc."),
        ("h", "III. PHƯƠNG HƯỚNG THỜI GIAN TỚI"),
        ("p", "Tiếp tục quán triệt Chỉ thị 20 đến cán bộ, đảng viên và nhân dân; phấn đấu đến năm 2020 có "
              "100% thôn có điểm vui chơi cho trẻ em."),
        ("sign", ["Nơi nhận:", "- Ban Tuyên giáo Huyện ủy;", "- TT Đảng ủy, HĐND xã;", "- Lưu: VT."],
         SIGN_CHAIR),
    ],
}

BAO_CAO_2018 = {
    "file": "bao-cao-cong-tac-bao-ve-cham-soc-tre-em-nam-2018.pdf",
    "title": "Báo cáo kết quả thực hiện công tác bảo vệ, chăm sóc trẻ em năm 2018",
    "elements": [
        HEADER_COMMUNE,
        ("numdate", "Số: 203/BC-UBND", "Hòa Mỹ Bắc, ngày 12 tháng 12 năm 2018"),
        ("title", ["BÁO CÁO", "Kết quả thực hiện công tác bảo vệ, chăm sóc trẻ em năm 2018"]),
        ("h", "I. ĐẶC ĐIỂM TÌNH HÌNH"),
        ("p", "Toàn xã có 2.417 trẻ em dưới 16 tuổi, trong đó 1.275 trẻ em dưới 6 tuổi; số trẻ em có hoàn "
              "cảnh đặc biệt là 59 em, sống tại 09 thôn."),
        ("h", "II. KẾT QUẢ THỰC HIỆN"),
        ("h", "1. Công tác chỉ đạo, điều hành"),
        ("p", "UBND xã ban hành [[P1.II.1/0|Kế hoạch số 21/KH-UBND về công tác trẻ em năm 2018]] và chỉ đạo "
              "các ban, ngành, đoàn thể, thôn triển khai thực hiện."),
        ("p", "Năm nay, UBND xã [[P1.II.1/1|bố trí 45.000.000 đồng từ ngân sách xã]] cho công tác trẻ em, "
              "tăng 10.000.000 đồng so với năm trước."),
        ("h", "2. Kết quả thực hiện các nhiệm vụ"),
        ("lines", [
            "a) Chăm sóc sức khỏe, dinh dưỡng:",
            "- Trạm Y tế xã phối hợp với các thôn tổ chức:",
            "+ [[P1.II.5|Tiêm chủng đầy đủ cho 97,3% trẻ em dưới 1 tuổi]];",
            "+ Cân, đo, theo dõi tăng trưởng cho [[P1.II.5|1.198 trẻ em dưới 5 tuổi, tỷ lệ suy dinh dưỡng "
            "13,6%]];",
            "+ Khám sàng lọc tim bẩm sinh miễn phí cho 68 trẻ em, phát hiện 03 trường hợp phải chuyển tuyến.",
            "- Cấp thẻ BHYT cho trẻ em dưới 6 tuổi: [[P1.II.3/0|đã cấp 1.251 thẻ, đạt 98,3%]].",
            "b) Bảo vệ trẻ em:",
            "- Rà soát, lập hồ sơ quản lý [[P1.II.3/0|trẻ em có hoàn cảnh đặc biệt và 117 trẻ em]] có nguy "
            "cơ rơi vào hoàn cảnh đặc biệt;",
            "- [[P1.II.3/0|Chi trả trợ cấp xã hội hằng tháng cho 47 trẻ em]] mồ côi, khuyết tật;",
            "- Phối hợp với Công an xã [[P1.II.3/1|xác minh 01 vụ xâm hại tình dục trẻ em]], chuyển hồ sơ "
            "đến Công an huyện xử lý theo quy định.",
            "c) Phòng, chống tai nạn thương tích, đuối nước:",
            "- Tổ chức [[P1.II.2/4|02 lớp dạy bơi an toàn cho 88 trẻ em]] trong dịp hè;",
            "- Cắm 14 biển cảnh báo tại các điểm sông, suối nguy hiểm;",
            "- Trong năm, trên địa bàn [[P1.III.1|xảy ra 01 vụ đuối nước làm 01 trẻ em tử vong]].",
            "d) Vui chơi, giải trí:",
            "- Tổ chức Tết Trung thu tại các thôn, [[P1.II.2/1|trao 1.420 phần quà cho trẻ em]];",
            "- Ra mắt [[P1.II.2/3|Câu lạc bộ hát bả trạo cho thiếu nhi]] ở thôn Bàu Sen <<PAGE>> với 55 em "
            "tham gia.",
        ]),
        ("h", "III. KHÓ KHĂN, VƯỚNG MẮC"),
        ("lines", [
            "- Công chức phụ trách công tác trẻ em [[P1.III.1|kiêm nhiệm nhiều việc, thường xuyên thay đổi]];",
            "- Nhiều gia đình [[P1.III.2|đi biển dài ngày, gửi con cho người thân]] nên việc quản lý trẻ em "
            "trong dịp hè còn khó khăn.",
        ]),
        ("h", "IV. PHƯƠNG HƯỚNG NĂM 2019"),
        ("p", "Tiếp tục duy trì câu lạc bộ bơi an toàn; phấn đấu không để xảy ra trẻ em đuối nước."),
        ("sign", ["Nơi nhận:", "- Phòng LĐ-TB&XH huyện;", "- TT Đảng ủy, HĐND xã;", "- Lưu: VT."],
         SIGN_CHAIR),
    ],
}

BIEN_BAN_2020 = {
    "file": "bien-ban-hop-ban-bao-ve-tre-em-thang-5-2020.docx",
    "title": "Biên bản họp Ban Bảo vệ trẻ em xã tháng 5 năm 2020",
    "elements": [
        HEADER_COMMUNE,
        ("numdate", "", "Hòa Mỹ Bắc, ngày 15 tháng 5 năm 2020"),
        ("title", ["BIÊN BẢN", "Họp Ban Bảo vệ trẻ em xã"]),
        ("p", "Thời gian: 14 giờ 00, ngày 15/5/2020."),
        ("p", "Địa điểm: Hội trường UBND xã Hòa Mỹ Bắc."),
        ("p", "Thành phần: 13/15 thành viên Ban Bảo vệ trẻ em xã; đại diện 03 trường học trên địa bàn."),
        ("p", "Chủ trì: đồng chí Trần Văn Lực, Phó Chủ tịch UBND xã, Trưởng ban. Thư ký: đồng chí Lê Thị "
              "Thu Hà, công chức Văn hóa - Xã hội."),
        ("h", "I. NỘI DUNG CUỘC HỌP"),
        ("p", "Đồng chí Lê Thị Thu Hà báo cáo tình hình trẻ em 4 tháng đầu năm 2020: trong thời gian cách "
              "ly xã hội, xã đã [[P1.II.3/1|hỗ trợ gạo, mì tôm cho 73 hộ có trẻ em]] bị mất thu nhập."),
        ("p", "Đồng chí Chủ tịch Hội Liên hiệp Phụ nữ xã cho biết mô hình “Ngôi nhà bình yên” [[P1.II.2/4|đã "
              "duy trì sinh hoạt tại 05 thôn]] với 54 hội viên."),
        ("p", "Đồng chí Trưởng Công an xã nêu ý kiến: một số quán internet [[P1.III.1|vẫn để học sinh chơi "
              "quá giờ quy định]], cần tăng cường kiểm tra."),
        ("h", "II. KẾT LUẬN"),
        ("p", "Ban Bảo vệ trẻ em xã thống nhất các nội dung sau:"),
        ("lines", [
            "a) Tổ chức lễ phát động Tháng hành động vì trẻ em năm 2020 vào ngày 30/5/2020 tại Trường Tiểu "
            "học Hòa Mỹ Bắc, [[P1.II.2/1|quy mô khoảng 180 đại biểu và trẻ em]];",
            "b) Giao Công an xã chủ trì, phối hợp với Đoàn Thanh niên [[P1.II.3/2|kiểm tra các quán internet, "
            "trò chơi điện tử]] trong dịp hè;",
            "c) Giao Hội Liên hiệp Phụ nữ xã [[P1.II.2/4|nhân rộng mô hình “Ngôi nhà bình yên”]] ra 04 thôn "
            "còn lại.",
        ]),
        ("p", "Cuộc họp kết thúc lúc 16 giờ 30 phút cùng ngày."),
        ("sign", ["THƯ KÝ", "", "Lê Thị Thu Hà"], ["CHỦ TRÌ", "", "Trần Văn Lực"]),
    ],
}

BAO_CAO_2021 = {
    "file": "bao-cao-ket-qua-cong-tac-tre-em-nam-2021.docx",
    "title": "Báo cáo kết quả thực hiện công tác trẻ em năm 2021",
    "elements": [
        HEADER_COMMUNE,
        ("numdate", "Số: 176/BC-UBND", "Hòa Mỹ Bắc, ngày 06 tháng 12 năm 2021"),
        ("title", ["BÁO CÁO", "Kết quả thực hiện công tác trẻ em năm 2021"]),
        ("h", "I. KẾT QUẢ ĐẠT ĐƯỢC"),
        ("runin", "Về công tác lãnh đạo, chỉ đạo:",
         "Đảng ủy xã [[P1.I.1|tổ chức quán triệt Luật Trẻ em cho 94 cán bộ]], đảng viên chủ chốt. Đảng ủy xã "
         "[[P1.I.3|kiểm tra việc lãnh đạo thực hiện Chỉ thị 20]] ở 04 chi bộ thôn. Nhận thức của cấp ủy, "
         "chính quyền thôn được nâng lên, [[P1.I.2|09/09 thôn xây dựng quy ước]] có nội dung bảo vệ trẻ em."),
        ("runin", "Về công tác tuyên truyền:", "Kết quả cụ thể như sau:"),
        ("items", [
            "Đài truyền thanh xã [[P1.II.2/0|phát 92 tin, bài về phòng, chống xâm hại trẻ em]];",
            "Phối hợp với Trường THCS Hòa Mỹ Bắc [[P1.II.2/0|tổ chức 05 buổi ngoại khóa]] về kỹ năng phòng tránh "
            "đuối nước.",
        ]),
        ("runin", "Về thực hiện chính sách:",
         "Trong năm, UBND xã [[P1.II.3/0|đăng ký khai sinh đúng hạn cho 211 trẻ em]], đạt 99,1%. Trong đợt "
         "giãn cách xã hội tháng 8/2021, xã [[P1.II.3/1|trao 146 suất quà cho trẻ em thuộc diện F0, F1]] và "
         "các hộ bị phong tỏa. HĐND xã [[P1.II.3/2|giám sát chuyên đề việc thực hiện quyền trẻ em]] tại 03 "
         "thôn ven biển."),
        ("runin", "Về phòng, chống đuối nước:",
         "Câu lạc bộ bơi an toàn tiếp tục được duy trì, kết quả qua các năm như sau:"),
        ("table", "Bảng 1. Kết quả dạy bơi cho trẻ em giai đoạn 2019-2021", [
            ["Năm", "Số lớp dạy bơi (lớp)", "[[P1.II.2/4|Trẻ em được học bơi an toàn (em)]]"],
            ["2019", "03", "108"],
            ["2020", "02", "67"],
            ["2021", "04", "139"],
        ]),
        ("p", "Năm 2021, trên địa bàn [[P1.II.5|không có trẻ em tử vong do đuối nước]]."),
        ("runin", "Về huy động nguồn lực:",
         "[[P1.II.4/1|Quỹ Bảo trợ trẻ em xã vận động được 41.600.000 đồng]]. Phong trào “Tết vì trẻ em "
         "nghèo” do Đoàn xã phát động [[P1.II.4/0|quyên góp được 230 suất quà]] trị giá 300.000 đồng mỗi "
         "suất."),
        ("runin", "Gương điển hình:",
         "Em Nguyễn Văn Tín, học sinh lớp 8, [[P1.II.2/5|dũng cảm cứu 02 bạn nhỏ bị đuối nước]] ở bến đò "
         "thôn Bàu Sen, được Chủ tịch UBND tỉnh tặng Bằng khen."),
        ("p", "Với những kết quả nêu trên, [[P1.II|xã được UBND huyện tặng Giấy khen]] về thành tích trong "
              "công tác chăm sóc, giáo dục và bảo vệ trẻ em năm 2021."),
        ("h", "II. HẠN CHẾ, NGUYÊN NHÂN"),
        ("runin", "Hạn chế:",
         "Việc [[P1.III.1|đăng ký khai sinh cho trẻ em ở thôn Bàu Sen]] còn chậm so với quy định; một số "
         "điểm vui chơi ở thôn chưa được đầu tư thiết bị."),
        ("runin", "Nguyên nhân:",
         "Một bộ phận người dân [[P1.III.2|chưa hiểu rõ quy định về thời hạn khai sinh]]; kinh phí của xã "
         "còn hạn chế."),
        ("runin", "Bài học kinh nghiệm:",
         "[[P1.III.3|Phải phát huy vai trò của trưởng thôn và chi hội trưởng]] trong việc nắm tình hình trẻ "
         "em ở từng hộ gia đình."),
        ("h", "III. KIẾN NGHỊ"),
        ("lines", [
            "a) Đề nghị UBND huyện Lâm Sơn [[P3.1|hỗ trợ kinh phí xây dựng bể bơi di động]] cho xã;",
            "b) Đề nghị Sở Giáo dục và Đào tạo [[P3.2|đưa kỹ năng phòng tránh đuối nước vào chương trình]] "
            "ngoại khóa bắt buộc;",
            "c) Đề nghị UBND tỉnh [[P3.3|nâng mức hỗ trợ cho trẻ em mồ côi]] không thuộc diện bảo trợ xã hội;",
            "d) Đề nghị Bộ Lao động - Thương binh và Xã hội [[P3.4|bố trí cán bộ chuyên trách bảo vệ trẻ "
            "em]] ở cấp xã.",
        ]),
        ("sign", ["Nơi nhận:", "- Phòng LĐ-TB&XH huyện;", "- TT Đảng ủy, HĐND xã;", "- Lưu: VT."],
         SIGN_CHAIR),
    ],
}

KE_HOACH_2022 = {
    "file": "ke-hoach-cong-tac-tre-em-nam-2022.docx",
    "title": "Kế hoạch thực hiện công tác trẻ em năm 2022",
    "elements": [
        HEADER_COMMUNE,
        ("numdate", "Số: 07/KH-UBND", "Hòa Mỹ Bắc, ngày 18 tháng 01 năm 2022"),
        ("title", ["KẾ HOẠCH", "Thực hiện công tác trẻ em trên địa bàn xã năm 2022"]),
        ("p", "Căn cứ Luật Trẻ em năm 2016 và kế hoạch của UBND huyện Lâm Sơn, UBND xã Hòa Mỹ Bắc xây dựng "
              "kế hoạch thực hiện công tác trẻ em năm 2022 như sau:"),
        ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("p", "Bảo đảm thực hiện các quyền của trẻ em; huy động sự tham gia của gia đình, nhà trường và cộng "
              "đồng trong việc chăm sóc, giáo dục và bảo vệ trẻ em."),
        ("h", "II. CHỈ TIÊU"),
        ("lines", [
            "a) [[P2|100% trẻ em dưới 6 tuổi được cấp thẻ BHYT]];",
            "b) Tỷ lệ trẻ em được [[P2|đăng ký khai sinh đúng hạn đạt trên 99,5%]];",
            "c) Giảm tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi xuống dưới 11%;",
            "d) [[P2|Không để xảy ra trẻ em tử vong do đuối nước]].",
        ]),
        ("h", "III. NHIỆM VỤ, GIẢI PHÁP"),
        ("lines", [
            "- Tuyên truyền, phổ biến Luật Trẻ em:",
            "+ [[P2|Phát chuyên mục “Vì trẻ em” trên Đài truyền thanh xã]] mỗi tháng 02 lần;",
            "+ Tổ chức nói chuyện chuyên đề về phòng, chống xâm hại trẻ em tại 03 trường học.",
            "- [[P2|Duy trì và nhân rộng câu lạc bộ bơi an toàn]] ra các thôn ven sông;",
            "- Phối hợp với Tư pháp xã [[P2|đăng ký khai sinh lưu động cho trẻ em]] ở thôn Bàu Sen.",
        ]),
        ("h", "IV. KINH PHÍ"),
        ("p", "Kinh phí thực hiện kế hoạch từ ngân sách xã năm 2022 là 62.000.000 đồng và nguồn vận động xã "
              "hội hóa."),
        ("h", "V. TỔ CHỨC THỰC HIỆN"),
        ("items", [
            "Công chức Văn hóa - Xã hội: tham mưu UBND xã triển khai kế hoạch, tổng hợp báo cáo định kỳ.",
            "Trạm Y tế xã: tổ chức tiêm chủng, cân đo và tư vấn dinh dưỡng cho trẻ em dưới 5 tuổi.",
        ]),
        ("sign", ["Nơi nhận:", "- Phòng LĐ-TB&XH huyện;", "- Các ban, ngành, đoàn thể xã;", "- Lưu: VT."],
         SIGN_CHAIR),
    ],
}

DOCS = [SO_KET_2017, BAO_CAO_2018, BIEN_BAN_2020, BAO_CAO_2021, KE_HOACH_2022]
